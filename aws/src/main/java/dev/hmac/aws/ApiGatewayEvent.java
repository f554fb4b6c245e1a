package dev.hmac.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP request inside an API Gateway proxy event, bound by the same rules for both Lambda functions: a REST
 * API event (payload 1.0, with {@code httpMethod}), or an HTTP API or function URL event (payload 2.0:
 * {@code "version": "2.0"} and {@code requestContext.http}). Anything else is not an HTTP event.
 *
 * <p>The body comes decoded: with {@code isBase64Encoded}, strictly (anything outside the base64 alphabet is
 * refused, where the JDK's MIME decoder would skip it), and the size limit counts the bytes the body decodes to.
 *
 * @param resource REST API events only: the route template ({@code /signature}), which a custom domain's base
 *                 path does not change; null otherwise
 * @param headers  as the event has them (string values only); look them up with {@link #header(String)}
 * @param sourceIp the caller's address as API Gateway saw it, or null
 * @param requestId API Gateway's id of the request ({@code requestContext.requestId}), or null
 * @param apiKeyId REST API events only: the id of the API key the caller sent (never the key), or null
 */
public record ApiGatewayEvent(String method, String path, String resource, Map<String, String> headers,
                              Map<String, String> query, byte[] body, String sourceIp, String requestId,
                              String apiKeyId) {

    /** Why an HTTP event is answered before its function looks at it. */
    public enum Problem { BODY_TOO_LARGE, BODY_NOT_BASE64 }

    /** The event is an HTTP request, but one that can't be handed on. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        Refused(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * @param maxBodyBytes the most bytes the (decoded) body may have
     * @return the request, or empty when the event is not an HTTP event (a direct invocation, say)
     * @throws Refused when the body is over the limit or not valid base64
     */
    public static Optional<ApiGatewayEvent> read(Map<String, Object> event, int maxBodyBytes) throws Refused {
        String method;
        String path;
        String resource = null;
        String sourceIp;
        String apiKeyId = null;
        Map<?, ?> context = event.get("requestContext") instanceof Map ? (Map<?, ?>) event.get("requestContext") : Map.of();
        if (event.get("httpMethod") instanceof String) {
            method = (String) event.get("httpMethod");
            path = string(event.get("path"));
            resource = event.get("resource") instanceof String ? (String) event.get("resource") : null;
            Map<?, ?> identity = context.get("identity") instanceof Map ? (Map<?, ?>) context.get("identity") : Map.of();
            sourceIp = nullableString(identity.get("sourceIp"));
            apiKeyId = nullableString(identity.get("apiKeyId"));
        } else if ("2.0".equals(event.get("version")) && context.get("http") instanceof Map) {
            Map<?, ?> http = (Map<?, ?>) context.get("http");
            method = string(http.get("method"));
            path = string(event.get("rawPath"));
            sourceIp = nullableString(http.get("sourceIp"));
        } else {
            return Optional.empty();
        }
        return Optional.of(new ApiGatewayEvent(method, path, resource, strings(event.get("headers")),
                strings(event.get("queryStringParameters")), body(event, maxBodyBytes), sourceIp,
                nullableString(context.get("requestId")), apiKeyId));
    }

    /** A header by name, ignoring case (HTTP API events lower-case them, REST API events keep the client's case). */
    public String header(String name) {
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static byte[] body(Map<String, Object> event, int maxBodyBytes) throws Refused {
        if (!(event.get("body") instanceof String)) {
            return new byte[0];
        }
        String text = (String) event.get("body");
        byte[] body;
        if (Boolean.TRUE.equals(event.get("isBase64Encoded"))) {
            // Longer than the encoding of maxBodyBytes bytes: too large whatever it decodes to, so not decoded.
            if (text.length() > (maxBodyBytes + 2L) / 3 * 4) {
                throw new Refused(Problem.BODY_TOO_LARGE);
            }
            try {
                body = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new Refused(Problem.BODY_NOT_BASE64);
            }
        } else {
            // Every character is at least one byte of UTF-8: a longer text is too large without encoding it.
            if (text.length() > maxBodyBytes) {
                throw new Refused(Problem.BODY_TOO_LARGE);
            }
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        if (body.length > maxBodyBytes) {
            throw new Refused(Problem.BODY_TOO_LARGE);
        }
        return body;
    }

    private static String string(Object value) {
        return value instanceof String ? (String) value : "";
    }

    private static String nullableString(Object value) {
        return value instanceof String ? (String) value : null;
    }

    private static Map<String, String> strings(Object raw) {
        if (!(raw instanceof Map)) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) raw).entrySet()) {
            if (entry.getKey() instanceof String && entry.getValue() instanceof String) {
                map.put((String) entry.getKey(), (String) entry.getValue());
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
