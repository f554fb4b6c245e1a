"""The original REST Lambda, ported to this project's contract: the cold-start benchmark's Python peer
(scripts/coldstart --suites rest). The signing rule as the original computed it:
Base64(HMAC-SHA256(key=clientsecret, message=clientsecret + callback + clientid + timestamp)), over UTF-8.

It answers an API Gateway proxy event (a JSON body, base64 or not) and the original's direct console event, with
what hmac-api.jar answers: callback, clientid, timestamp and signature. Unlike the original it neither prints nor
returns the client secret, and it checks nothing beyond the fields being there: it is a yardstick, not a service.
"""
import base64
import hashlib
import hmac
import json
import time


def sign(clientsecret, callback, clientid, timestamp):
    message = (clientsecret + callback + clientid + timestamp).encode("utf-8")
    digest = hmac.new(clientsecret.encode("utf-8"), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def signed(request):
    timestamp = str(request.get("timestamp") or int(time.time()))
    return {
        "callback": request["callback"],
        "clientid": request["clientid"],
        "timestamp": timestamp,
        "signature": sign(request["clientsecret"], request["callback"], request["clientid"], timestamp),
    }


def lambda_handler(event, context):
    if "body" not in event:
        return signed(event)
    body = event["body"] or ""
    if event.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8")
    try:
        answer = (200, signed(json.loads(body)))
    except (ValueError, KeyError, TypeError, AttributeError):
        answer = (400, {"error": "callback, clientid and clientsecret are required"})
    return {
        "statusCode": answer[0],
        "headers": {"Content-Type": "application/json; charset=utf-8"},
        "body": json.dumps(answer[1], separators=(",", ":")),
        "isBase64Encoded": False,
    }
