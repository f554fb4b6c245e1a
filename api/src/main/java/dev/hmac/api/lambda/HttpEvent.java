package dev.hmac.api.lambda;

import dev.hmac.api.ApiResponse;
import dev.hmac.api.SignatureEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The HTTP request inside an API Gateway proxy event: REST API (payload 1.0) or HTTP API / function URL (2.0).
 * Bodies may be base64 (isBase64Encoded), which this decodes itself.
 */
record HttpEvent(String method, String path, byte[] body) {

    /** Null when the event is not an HTTP event (a direct invocation). */
    static HttpEvent from(Map<String, Object> event) throws BadEvent {
        String method;
        String path;
        if (event.get("httpMethod") instanceof String) {
            method = (String) event.get("httpMethod");
            // resource is the route template, immune to custom-domain base paths; path is the literal path.
            path = SignatureEndpoint.PATH.equals(event.get("resource")) ? SignatureEndpoint.PATH : string(event, "path");
        } else if ("2.0".equals(event.get("version")) && event.get("requestContext") instanceof Map
                && ((Map<?, ?>) event.get("requestContext")).get("http") instanceof Map) {
            Map<?, ?> http = (Map<?, ?>) ((Map<?, ?>) event.get("requestContext")).get("http");
            method = http.get("method") instanceof String ? (String) http.get("method") : "";
            path = string(event, "rawPath");
        } else {
            return null;
        }
        return new HttpEvent(method, path, body(event));
    }

    private static byte[] body(Map<String, Object> event) throws BadEvent {
        Object body = event.get("body");
        if (!(body instanceof String)) {
            return new byte[0];
        }
        String text = (String) body;
        if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
            // Refuse before decoding: base64 is 4 characters per 3 bytes.
            if (text.length() > (SignatureEndpoint.MAX_BODY_BYTES + 2) / 3 * 4 + 4) {
                throw new BadEvent(SignatureEndpoint.tooLarge());
            }
            try {
                return Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new BadEvent(ApiResponse.error(400, "The request body is not valid base64."));
            }
        }
        if (text.length() > SignatureEndpoint.MAX_BODY_BYTES) {
            throw new BadEvent(SignatureEndpoint.tooLarge());
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(Map<String, Object> event, String name) {
        Object value = event.get(name);
        return value instanceof String ? (String) value : "";
    }

    /** An HTTP event that is answered before it reaches the endpoint. */
    static final class BadEvent extends Exception {
        private static final long serialVersionUID = 1L;
        final transient ApiResponse response;

        BadEvent(ApiResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
