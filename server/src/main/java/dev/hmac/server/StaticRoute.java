package dev.hmac.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One bundled asset (the form's stylesheet or script), read once at start-up. */
final class StaticRoute implements HttpHandler {
    private final String contentType;
    private final String body;

    StaticRoute(String resource, String contentType) {
        this.contentType = contentType;
        try (InputStream in = StaticRoute.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            Exchanges.send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed", Map.of("Allow", "GET, HEAD"));
            return;
        }
        Exchanges.send(exchange, 200, contentType, body, Map.of("Cache-Control", "public, max-age=300"));
    }
}
