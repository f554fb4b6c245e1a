"""Transforms a SAM template into the CloudFormation that CloudFormation would deploy, with AWS's own
translator (aws-sam-translator, as cfn-lint bundles it), offline: prints the result as JSON.

Usage: python3 sam-transform.py TEMPLATE NAME=VALUE...   (parameter values; AWS_DEFAULT_REGION must be set)
The zip functions' local CodeUri become S3 locations first, as `sam package` makes them (an image function has
an ImageUri instead).
"""
import json
import sys

from cfnlint.decode import decode
from samtranslator.translator.transform import transform


class ManagedPolicies:
    """The managed policies SAM attaches by name; offline, so their ARNs are given here."""

    def load(self):
        return {
            "AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        }


template, problems = decode(sys.argv[1])
if problems:
    sys.exit("cannot read %s: %s" % (sys.argv[1], problems))
for resource in template["Resources"].values():
    if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in resource["Properties"]:
        code = resource["Properties"]["CodeUri"]
        resource["Properties"]["CodeUri"] = "s3://sam-artifacts/" + code.rsplit("/", 1)[-1]
parameters = dict(arg.split("=", 1) for arg in sys.argv[2:])
print(json.dumps(transform(template, parameters, ManagedPolicies()), default=str))
