package dev.hmac.server;

import com.sun.net.httpserver.HttpExchange;
import dev.hmac.api.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Small helpers over the JDK's HttpExchange: bounded body reads and complete responses. */
final class Exchanges {
    /** Beyond this, a refused body is not read: the connection just closes. */
    static final int MAX_DISCARDED_BYTES = 4 * 1024 * 1024;

    private Exchanges() {
    }

    /** The body could not be read to its end: broken chunked framing, or cut short before its Content-Length. */
    static final class UnreadableBody extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableBody() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the whole body if it has at most {@code limit} bytes; returns null if it is larger. A declared
     * Content-Length over the limit is refused before a byte is read.
     *
     * @throws UnreadableBody when the body breaks off; the client may still be there to read a 400
     */
    static byte[] readBody(HttpExchange exchange, int limit) throws UnreadableBody {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        int expected = limit + 1; // chunked, no length: read to the end, or one byte past the limit
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                if (length > limit) {
                    return null;
                }
                expected = (int) length;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        byte[] body;
        try {
            body = exchange.getRequestBody().readNBytes(expected);
        } catch (IOException e) {
            throw new UnreadableBody();
        }
        return body.length > limit ? null : body;
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
            OutputStream out = exchange.getResponseBody();
            out.write(bytes);
            out.flush();
            discardUnreadBody(exchange);
            out.close();
        }
    }

    /**
     * After an answer, reads and drops what is left of the request body (there is some when it was refused
     * unread: 413, 415), up to {@link #MAX_DISCARDED_BYTES}. Closing a connection with unread data sends a TCP
     * reset, and a client that is still sending (a 2 MiB paste) then loses the answer and reports "connection
     * reset" instead of the 413. The JDK server itself drains only 64 KiB.
     */
    private static void discardUnreadBody(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            if (declared != null && Long.parseLong(declared.trim()) > MAX_DISCARDED_BYTES) {
                return; // not worth reading: the connection closes
            }
        } catch (NumberFormatException e) {
            return;
        }
        try {
            InputStream in = exchange.getRequestBody();
            if (in.read() < 0) {
                return; // the usual case: the body was read to its end
            }
            byte[] scratch = new byte[8192];
            long left = MAX_DISCARDED_BYTES - 1;
            int n;
            while (left > 0 && (n = in.read(scratch, 0, (int) Math.min(scratch.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException e) {
            // The client went away: nothing left to protect.
        }
    }

    static void sendJson(HttpExchange exchange, ApiResponse response) throws IOException {
        send(exchange, response.status(), ApiResponse.JSON, response.body(), response.headers());
    }
}
