package dev.hmac.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hmac.api.ApiResponse;
import dev.hmac.api.RestApi;
import dev.hmac.core.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code POST /signature} or {@code POST /verify}: the REST contract in-process, behind an optional API key as on
 * API Gateway.
 */
final class RestRoute implements HttpHandler {
    private final RestApi api;
    private final String path;
    private final Optional<byte[]> apiKeyDigest;

    RestRoute(RestApi api, String path, Optional<String> apiKey) {
        this.api = api;
        this.path = path;
        this.apiKeyDigest = apiKey.map(RestRoute::sha256);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"POST".equals(method)) {
            Exchanges.sendJson(exchange, api.handle(method, path, null));
            return;
        }
        if (apiKeyDigest.isPresent() && !hasApiKey(exchange)) {
            Exchanges.sendJson(exchange, ApiResponse.error(403, "Forbidden: send a valid API key in the x-api-key header."));
            return;
        }
        byte[] body;
        try {
            body = Exchanges.readBody(exchange, RestApi.MAX_BODY_BYTES);
        } catch (Exchanges.UnreadableBody e) {
            Exchanges.sendJson(exchange, ApiResponse.error(400, "The request body could not be read to its end "
                    + "(broken chunked encoding, or shorter than its Content-Length)."));
            return;
        }
        Exchanges.sendJson(exchange, body == null ? RestApi.tooLarge() : api.handle(method, path, body));
    }

    private boolean hasApiKey(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("x-api-key");
        // Digests first: equal lengths, so the comparison time says nothing about the key's length either.
        return given != null && MessageDigest.isEqual(sha256(given), apiKeyDigest.get());
    }

    private static byte[] sha256(String text) {
        return Sha256.digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
