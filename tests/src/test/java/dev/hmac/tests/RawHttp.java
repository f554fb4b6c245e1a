package dev.hmac.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests a well-behaved client won't send: broken chunked framing, bodies cut
 * short, bytes that are not UTF-8. One request per connection; every read is bounded by a timeout, so a server
 * that hangs fails the test instead of stalling it.
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 10_000;

    private RawHttp() {
    }

    /**
     * A parsed answer; the body is decoded as UTF-8 (replacing what is not).
     *
     * @param method and {@code path}: the request's, as its request line gave them
     */
    record Response(String method, String path, int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** POST with a Content-Length. */
    static Response post(URI base, String path, String contentType, byte[] body) throws IOException {
        return send(base, head("POST", path, contentType) + "Content-Length: " + body.length + "\r\n\r\n", body);
    }

    /** POST with Transfer-Encoding: chunked and no Content-Length, in chunks of at most {@code chunk} bytes. */
    static Response postChunked(URI base, String path, String contentType, byte[] body, int chunk) throws IOException {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            framed.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            framed.write(body, i, n);
            framed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        framed.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return send(base, head("POST", path, contentType) + "Transfer-Encoding: chunked\r\n\r\n", framed.toByteArray());
    }

    /** Sends a request head (ending in a blank line) and raw bytes after it, then half-closes and reads. */
    static Response send(URI base, String head, byte[] rest) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(rest);
            out.flush();
            socket.shutdownOutput();
            String[] requestLine = head.substring(0, Math.max(0, head.indexOf("\r\n"))).split(" ", -1);
            return read(socket.getInputStream(), requestLine[0], requestLine.length > 1 ? requestLine[1] : "");
        }
    }

    static String head(String method, String path, String contentType) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n");
    }

    private static Response read(InputStream in, String method, String path) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IOException("no HTTP response, got " + all.size() + " bytes");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = all.toByteArray();
        int from = end + 4;
        int length = headers.containsKey("content-length")
                ? Integer.parseInt(headers.get("content-length")) : body.length - from;
        return new Response(method, path, Integer.parseInt(lines[0].substring(9, 12)), headers,
                new String(body, from, Math.min(length, body.length - from), StandardCharsets.UTF_8));
    }
}
