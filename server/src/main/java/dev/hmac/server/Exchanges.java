package dev.hmac.server;

import com.sun.net.httpserver.HttpExchange;
import dev.hmac.api.ApiResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Small helpers over the JDK's HttpExchange: bounded body reads and complete responses. */
final class Exchanges {
    private Exchanges() {
    }

    /** How much of a refused body is read and thrown away, so the client gets to read the 413. */
    private static final long MAX_DISCARD = 8L * 1024 * 1024;

    /**
     * Reads the whole body if it has at most {@code limit} bytes; returns null if it is larger. A body whose
     * declared Content-Length is over the limit is never kept: it is discarded unread (up to a bound, so the
     * client, still sending, can read the answer rather than a reset connection).
     */
    static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                return refuse(exchange);
            }
            if (length > limit) {
                return refuse(exchange);
            }
        }
        byte[] body = exchange.getRequestBody().readNBytes(limit + 1);
        return body.length > limit ? refuse(exchange) : body;
    }

    private static byte[] refuse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.getRequestBody().skip(MAX_DISCARD);
        return null;
    }

    /** The media type of the request, lowercased, without parameters such as charset. */
    static String mediaType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static void send(HttpExchange exchange, int status, String contentType, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static void sendJson(HttpExchange exchange, ApiResponse response) throws IOException {
        send(exchange, response.status(), ApiResponse.JSON, response.body(), response.headers());
    }
}
