package dev.hmac.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hmac.api.ApiResponse;
import dev.hmac.core.Failures;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler the JDK server calls: exact-path routing, one access-log line per request, and a generic 500
 * for anything unexpected. Logs hold method, path, status and time only: never a query string, header or body.
 */
final class Router implements HttpHandler {
    private static final Logger ACCESS = LoggerFactory.getLogger("hmac.access");
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT");

    private final Map<String, HttpHandler> routes;

    Router(Map<String, HttpHandler> routes) {
        this.routes = Map.copyOf(routes);
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getRawPath();
        try {
            HttpHandler route = routes.get(path);
            if (route == null) {
                Exchanges.sendJson(exchange, ApiResponse.error(404, "Not found."));
            } else {
                route.handle(exchange);
            }
        } catch (IOException e) {
            // The client went away or timed out; nothing to answer.
            LOG.debug("I/O failure on {}: {}", printable(path), e.getClass().getName());
        } catch (RuntimeException | Error e) {
            LOG.error("Unexpected failure on {}: {}", printable(path), Failures.describe(e));
            if (exchange.getResponseCode() < 0) {
                try {
                    Exchanges.sendJson(exchange, ApiResponse.error(500, "Internal error. Please try again."));
                } catch (IOException ignored) {
                    // already logged above
                }
            }
        } finally {
            exchange.close();
            if (ACCESS.isInfoEnabled()) {
                ACCESS.info("{} {} {} {}ms", method(exchange), printable(path), exchange.getResponseCode(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /**
     * The JDK server takes any run of bytes up to a space as the method, control characters included: log the
     * standard ones by name and nothing of the others, which are whatever a client typed.
     */
    private static String method(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        return METHODS.contains(method) ? method : "(other method)";
    }

    /** Paths come from clients: one short printable line in the log. */
    private static String printable(String path) {
        if (path == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(path.length(), 100));
        for (int i = 0; i < path.length() && i < 100; i++) {
            char c = path.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return path.length() > 100 ? sb.append("...").toString() : sb.toString();
    }
}
