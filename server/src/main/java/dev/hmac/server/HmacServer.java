package dev.hmac.server;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.hmac.api.SignatureEndpoint;
import dev.hmac.core.Signer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local server: the web form at {@code /}, the REST API at {@code /signature}, {@code /healthz}, and (when
 * configured) the Slack endpoint. Runs with no configuration at all.
 *
 * <p>The JDK's own HTTP server: no dependency, starts in milliseconds, and the load here is one person at a
 * form or a handful of API calls a second.
 */
public final class HmacServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HmacServer.class);
    private static final int THREADS = 32;

    static {
        // Request and response time limits of the JDK server; read once, when its first instance is made.
        defaultProperty("sun.net.httpserver.maxReqTime", "30");
        defaultProperty("sun.net.httpserver.maxRspTime", "30");
        defaultProperty("sun.net.httpserver.idleInterval", "30");
        defaultProperty("sun.net.httpserver.maxReqHeaders", "100");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ServerConfig config;
    private final SigningBackend backend;

    private HmacServer(HttpServer server, ExecutorService executor, ServerConfig config, SigningBackend backend) {
        this.server = server;
        this.executor = executor;
        this.config = config;
        this.backend = backend;
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("hmac: " + e.getMessage());
            System.exit(2);
            return;
        }
        HmacServer server;
        try {
            server = start(config);
        } catch (IOException e) {
            System.err.println("hmac: cannot listen on " + config.host() + ":" + config.port() + " (" + e.getMessage() + ")");
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "hmac-shutdown"));
        System.out.println(server.banner());
    }

    /** Starts listening; port 0 picks a free port (see {@link #uri()}). */
    public static HmacServer start(ServerConfig config) throws IOException {
        Signer signer = new Signer();
        SignatureEndpoint endpoint = new SignatureEndpoint(signer);
        SigningBackend backend = config.apiUrl().isPresent()
                ? new RemoteSigning(config.apiUrl().get(), config.apiKey())
                : new LocalSigning(endpoint);

        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        routes.put("/", new FormRoute(backend));
        routes.put(SignatureEndpoint.PATH, new RestRoute(endpoint, config.apiKey()));
        routes.put("/healthz", exchange -> Exchanges.send(exchange, 200, "application/json; charset=utf-8",
                "{\"status\":\"ok\"}", Map.of("Cache-Control", "no-store")));
        routes.put("/static/form.css", new StaticRoute("/static/form.css", "text/css; charset=utf-8"));
        routes.put("/static/form.js", new StaticRoute("/static/form.js", "text/javascript; charset=utf-8"));

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 128);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new Router(routes));
        server.start();
        HmacServer started = new HmacServer(server, executor, config, backend);
        LOG.debug("started with {}", config);
        return started;
    }

    /** Where the server listens, with the actual port. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    String banner() {
        URI uri = uri();
        return "hmac is running at " + uri + "\n"
                + "  web form:  " + uri + " (signing " + backend.describe() + ")\n"
                + "  REST API:  POST " + uri.resolve("signature")
                + (config.apiKey().isPresent() ? " (x-api-key required)" : "") + "\n"
                + "  health:    GET " + uri.resolve("healthz") + "\n"
                + "Press Ctrl+C to stop.";
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "hmac-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
