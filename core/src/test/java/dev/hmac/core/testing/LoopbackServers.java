package dev.hmac.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** What the fakes of remote services (Slack, AWS) share, in every module's tests: a JDK server on loopback and a complete answer. */
public final class LoopbackServers {
    private LoopbackServers() {
    }

    /** A plain HTTP server on a free loopback port. */
    public static HttpServer create() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    }

    /** Serves every path with the handler on daemon threads, and starts. */
    public static <S extends HttpServer> S start(S server, String threadName, int threads, HttpHandler handler) {
        server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", handler);
        server.start();
        return server;
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** JSON when it looks like JSON, else plain text. */
    public static void send(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, body.startsWith("{") ? "application/json" : "text/plain", body);
    }
}
