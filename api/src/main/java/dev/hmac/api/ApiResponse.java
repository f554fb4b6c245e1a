package dev.hmac.api;

import dev.hmac.core.FieldError;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One answer of the REST contract: a status and a JSON body. The same on Lambda and on the local server.
 *
 * @param field on errors, the one field at fault, else null (for logs; it is also in the body)
 * @param audit what the host's audit line says of a signing or a check the request asked for; null when it asked
 *     for none (an unknown path, a wrong method) or none was made for it (too many checks at once)
 */
public record ApiResponse(int status, String body, String field, Map<String, String> headers, AuditEvent audit) {
    public static final String JSON = "application/json; charset=utf-8";
    // no-store: a signature is a short-lived credential; no proxy or browser cache should keep it.
    private static final Map<String, String> DEFAULT_HEADERS = Map.of("Content-Type", JSON, "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff");

    static ApiResponse ok(Map<String, Object> body, AuditEvent audit) {
        return new ApiResponse(200, Json.write(body), null, defaultHeaders(), audit);
    }

    /** A JSON object with these members, in this order. */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /** {"error": message} */
    public static ApiResponse error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return new ApiResponse(status, Json.write(body), null, defaultHeaders(), null);
    }

    /** {"error": ..., "field": ... (when exactly one is at fault), "errors": {field: message}} */
    static ApiResponse invalid(List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> byField = new LinkedHashMap<>();
        StringBuilder message = new StringBuilder();
        for (FieldError e : errors) {
            byField.put(e.field().key(), e.message());
            message.append(message.length() == 0 ? "" : " ").append(e.message());
        }
        String field = errors.size() == 1 ? errors.get(0).field().key() : null;
        body.put("error", message.toString());
        if (field != null) {
            body.put("field", field);
        }
        body.put("errors", byField);
        return new ApiResponse(400, Json.write(body), field, defaultHeaders(), null);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, body, field, Map.copyOf(copy), audit);
    }

    ApiResponse withAudit(AuditEvent event) {
        return new ApiResponse(status, body, field, headers, event);
    }

    private static Map<String, String> defaultHeaders() {
        return DEFAULT_HEADERS;
    }
}
