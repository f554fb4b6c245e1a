package dev.hmac.server;

import dev.hmac.api.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A complete answer, as a route makes it: status, type, body and any headers of its own. The router adds what
 * every answer carries ({@code X-Content-Type-Options}, the length, {@code Connection: close} when needed).
 */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    Answer {
        headers = Map.copyOf(headers);
    }

    static Answer of(int status, String contentType, String body, Map<String, String> headers) {
        return new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static Answer json(int status, String json) {
        return of(status, JSON, json, Map.of());
    }

    /** The REST contract's answer, headers included. */
    static Answer json(ApiResponse response) {
        return of(response.status(), ApiResponse.JSON, response.body(), response.headers());
    }
}
