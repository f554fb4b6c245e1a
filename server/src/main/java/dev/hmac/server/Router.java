package dev.hmac.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hmac.api.ApiResponse;
import dev.hmac.core.FailureTrace;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler the JDK server calls: exact-path routing, one access-log line per request, and a generic 500
 * for anything unexpected. Logs hold method, path, status and time only: never a query string, header or body,
 * and a path or method only when it is one this server knows (a client can put anything there, a secret too).
 */
final class Router implements HttpHandler {
    private static final Logger ACCESS = LoggerFactory.getLogger("hmac.access");
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT");
    private static final String OTHER_PATH = "(another path)";

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
            LOG.debug("I/O failure on {}: {}", loggable(path), e.getClass().getName());
        } catch (RuntimeException | Error e) {
            LOG.error("Unexpected failure on {}: {}", loggable(path), FailureTrace.of(e));
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
                ACCESS.info("{} {} {} {}ms", method(exchange), loggable(path), exchange.getResponseCode(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /** A path only when it is one of ours: a client can put anything in a path, a secret too. */
    private String loggable(String path) {
        return path != null && routes.containsKey(path) ? path : OTHER_PATH;
    }

    /**
     * The JDK server takes any run of bytes up to a space as the method, control characters included: log the
     * standard ones by name and nothing of the others, which are whatever a client typed.
     */
    private static String method(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        return METHODS.contains(method) ? method : "(other method)";
    }
}
