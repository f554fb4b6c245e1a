"""Stands in for Lambda's Python runtime, as bench/boltjs/runtime.js does for Node's: imports the handler during
init (_HANDLER, module.function, from LAMBDA_TASK_ROOT), then loops on the Runtime API: GET next, run the handler,
POST its result or error. Lambda's own runtime adds logging, extensions and X-Ray. Standard library only.
"""
import http.client
import importlib
import json
import os
import sys
import time

API = "/2018-06-01/runtime/"


class Context:
    def __init__(self, headers):
        self.aws_request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self._deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms") or 0)

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)


def error_body(error):
    return json.dumps({"errorType": type(error).__name__, "errorMessage": str(error)})


def main():
    connection = http.client.HTTPConnection(os.environ["AWS_LAMBDA_RUNTIME_API"])

    def call(method, route, body=None, headers=None):
        connection.request(method, API + route, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.headers, response.read()

    module_name, function_name = os.environ["_HANDLER"].rsplit(".", 1)
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    try:
        handler = getattr(importlib.import_module(module_name), function_name)
    except Exception as error:  # the runtime reports any import failure as an init error
        call("POST", "init/error", error_body(error), {"Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError"})
        sys.exit(1)
    while True:
        headers, body = call("GET", "invocation/next")
        context = Context(headers)
        try:
            result = handler(json.loads(body), context)
            call("POST", "invocation/%s/response" % context.aws_request_id, json.dumps(result))
        except Exception as error:
            call("POST", "invocation/%s/error" % context.aws_request_id, error_body(error),
                 {"Lambda-Runtime-Function-Error-Type": "Runtime.HandlerError"})


if __name__ == "__main__":
    main()
