package dev.hmac.aws;

import dev.hmac.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Lambda proxy integration's answer, as both functions write it for API Gateway: a status, headers and a text body. */
public final class ProxyResponse {
    private ProxyResponse() {
    }

    public static byte[] write(int status, Map<String, String> headers, String body) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("statusCode", status);
        reply.put("headers", headers == null ? Map.of() : headers);
        reply.put("body", body == null ? "" : body);
        reply.put("isBase64Encoded", false);
        return Json.write(reply).getBytes(StandardCharsets.UTF_8);
    }
}
