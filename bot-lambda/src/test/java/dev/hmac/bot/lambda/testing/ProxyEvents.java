package dev.hmac.bot.lambda.testing;

import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** API Gateway REST API (payload 1.0) proxy events, as API Gateway hands them to Lambda. */
public final class ProxyEvents {
    private ProxyEvents() {
    }

    /** POST /slack/events with Slack's headers; base64 as API Gateway sends bodies of binary media types. */
    public static String slackEvent(SlackRequests.Signed request, boolean base64) {
        return event("POST", "/slack/events", request.headers(), request.body(), base64);
    }

    public static String event(String method, String path, Map<String, String> headers, String body, boolean base64) {
        Map<String, Object> allHeaders = new LinkedHashMap<>();
        allHeaders.put("Host", "abc123.execute-api.eu-west-1.amazonaws.com");
        allHeaders.put("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
        allHeaders.putAll(headers);
        Map<String, Object> multi = new LinkedHashMap<>();
        allHeaders.forEach((k, v) -> multi.put(k, List.of(v)));
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", "3.80.0.1");
        identity.put("userAgent", "Slackbot 1.0 (+https://api.slack.com/robots)");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("resourcePath", path);
        context.put("httpMethod", method);
        context.put("path", "/Prod" + path);
        context.put("stage", "Prod");
        context.put("requestId", "5f8b0f2e-6c4a-4a7e-9f55-000000000001");
        context.put("identity", identity);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", path);
        event.put("path", path);
        event.put("httpMethod", method);
        event.put("headers", allHeaders);
        event.put("multiValueHeaders", multi);
        event.put("queryStringParameters", null);
        event.put("pathParameters", null);
        event.put("stageVariables", null);
        event.put("requestContext", context);
        event.put("body", body == null ? null
                : base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        event.put("isBase64Encoded", base64);
        return Json.write(event);
    }
}
