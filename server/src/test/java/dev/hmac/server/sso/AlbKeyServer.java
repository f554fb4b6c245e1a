package dev.hmac.server.sso;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hmac.core.testing.LoopbackServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * ALB's public-key endpoint on loopback: {@code GET /<kid>} answers the PEM put for that kid, else 404. A kid made
 * to misbehave answers as told: never (until closed), a body of 8 MiB, a status, or a body of its own.
 */
public final class AlbKeyServer implements AutoCloseable {
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stalled = new ConcurrentHashMap<>();
    private final Map<String, Boolean> huge = new ConcurrentHashMap<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final HttpServer server;

    public AlbKeyServer() throws IOException {
        server = LoopbackServers.start(LoopbackServers.create(), "alb-key-server", 8, this::answer);
    }

    /** The base URL, as HMAC_ALB_KEYS_URL. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public AlbKeyServer key(String kid, PublicKey key) {
        return body(kid, pem(key));
    }

    AlbKeyServer body(String kid, String body) {
        bodies.put(kid, body);
        return this;
    }

    AlbKeyServer status(String kid, int status) {
        statuses.put(kid, status);
        return this;
    }

    AlbKeyServer stall(String kid) {
        stalled.put(kid, true);
        return this;
    }

    AlbKeyServer huge(String kid) {
        huge.put(kid, true);
        return this;
    }

    /** Every path asked for, in order. */
    List<String> paths() {
        return List.copyOf(paths);
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        paths.add(path);
        String kid = path.substring(1);
        if (stalled.containsKey(kid)) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        } else if (huge.containsKey(kid)) {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 128; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client stopped reading: as it should
            }
        } else if (statuses.containsKey(kid)) {
            LoopbackServers.send(exchange, statuses.get(kid), "text/plain", "no");
        } else if (bodies.containsKey(kid)) {
            LoopbackServers.send(exchange, 200, "application/octet-stream", bodies.get(kid));
        } else {
            LoopbackServers.send(exchange, 404, "application/xml", "<Error><Code>NoSuchKey</Code></Error>");
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
