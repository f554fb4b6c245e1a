package dev.hmac.server;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.hmac.api.RestApi;
import dev.hmac.api.SignatureEndpoint;
import dev.hmac.api.VerificationEndpoint;
import dev.hmac.bot.BoltDispatcher;
import dev.hmac.bot.BotConfig;
import dev.hmac.bot.SlackApp;
import dev.hmac.bot.SlackSignatureCheck;
import dev.hmac.core.FailureTrace;
import dev.hmac.core.Signer;
import dev.hmac.core.verify.VerificationLimiter;
import dev.hmac.core.verify.Verifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local server: the web form at {@code /}, the REST API at {@code /signature} and {@code /verify},
 * {@code /healthz}, and (when configured) the Slack endpoint. Runs with no configuration at all.
 *
 * <p>The JDK's own HTTP server: no dependency, starts in milliseconds, and the load here is one person at a
 * form or a handful of API calls a second.
 */
public final class HmacServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HmacServer.class);
    private static final int THREADS = 32;
    static final String SLACK_PATH = "/slack/events";

    static {
        // Request and response time limits of the JDK server; read once, when its first instance is made.
        defaultProperty("sun.net.httpserver.maxReqTime", "30");
        defaultProperty("sun.net.httpserver.maxRspTime", "30");
        defaultProperty("sun.net.httpserver.idleInterval", "30");
        defaultProperty("sun.net.httpserver.maxReqHeaders", "100");
        // The JDK server writes the headers and the body of an answer separately: with Nagle's algorithm on, the
        // body waits for the client's delayed ACK, 40 ms per request on a kept-alive connection (scripts/load).
        defaultProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ServerConfig config;
    private final SigningBackend backend;
    private final Optional<SocketModeApp> socketMode;

    private HmacServer(HttpServer server, ExecutorService executor, ServerConfig config, SigningBackend backend,
                       Optional<SocketModeApp> socketMode) {
        this.server = server;
        this.executor = executor;
        this.config = config;
        this.backend = backend;
        this.socketMode = socketMode;
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            boolean help = args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
            (help ? System.out : System.err).print(usage());
            System.exit(help ? 0 : 2);
            return;
        }
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
        // One bound on searches for the whole process, so that checks can't take every core from signing.
        return start(config, VerificationLimiter.forThisMachine(new Verifier()));
    }

    /** @param checks every check of the process waits here for its turn: REST and Slack */
    static HmacServer start(ServerConfig config, VerificationLimiter checks) throws IOException {
        Signer signer = new Signer();
        RestApi api = new RestApi(new SignatureEndpoint(signer), new VerificationEndpoint(checks));
        SigningBackend backend = config.apiUrl().isPresent()
                ? new RemoteSigning(config.apiUrl().get(), config.apiKey())
                : new LocalSigning(signer);

        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        routes.put("/", new FormRoute(backend));
        routes.put(SignatureEndpoint.PATH, new RestRoute(api, SignatureEndpoint.PATH, config.apiKey()));
        routes.put(VerificationEndpoint.PATH, new RestRoute(api, VerificationEndpoint.PATH, config.apiKey()));
        routes.put("/healthz", exchange -> Exchanges.send(exchange, 200, "application/json; charset=utf-8",
                "{\"status\":\"ok\"}", Map.of("Cache-Control", "no-store")));
        routes.put("/static/form.css", new StaticRoute("/static/form.css", "text/css; charset=utf-8"));
        routes.put("/static/form.js", new StaticRoute("/static/form.js", "text/javascript; charset=utf-8"));

        Optional<SocketModeApp> socketMode = Optional.empty();
        if (config.slack().isPresent()) {
            BotConfig bot = config.slack().get();
            App app = SlackApp.create(bot, signer, checks::verify, SlackApp.webApi(bot));
            if (bot.appToken().isPresent()) {
                socketMode = Optional.of(startSocketMode(bot.appToken().get(), app));
            } else {
                routes.put(SLACK_PATH, new SlackRoute(new SlackSignatureCheck(bot.signingSecret(), Clock.systemUTC()),
                        new BoltDispatcher(app.start())));
            }
        }

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 128);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new Router(routes));
        server.start();
        HmacServer started = new HmacServer(server, executor, config, backend, socketMode);
        LOG.debug("started with {}", config);
        return started;
    }

    /** What {@code --help} prints: how to run the server and the settings it reads. */
    static String usage() {
        return "usage: ./serve           (or: java -jar server/target/hmac-server.jar)\n"
                + "\n"
                + "Starts the local server: the web form at /, POST /signature, POST /verify, GET /healthz, and with\n"
                + "Slack settings the Slack app (POST /slack/events, or Socket Mode). ./serve builds the jar first when\n"
                + "it is missing or older than the sources. It needs no settings; these are read from the environment:\n"
                + "\n"
                + "  " + ServerConfig.HOST + "                  address to listen on (default 127.0.0.1; 0.0.0.0 in a container)\n"
                + "  " + ServerConfig.PORT + "                  port to listen on (default 8080; 0 picks a free one)\n"
                + "  " + ServerConfig.HMAC_API_KEY + "          POST /signature and /verify require x-api-key with this value; sent to HMAC_API_URL too\n"
                + "  " + ServerConfig.HMAC_API_URL + "          the form signs through this deployed /signature instead of in-process\n"
                + "  " + BotConfig.SLACK_SIGNING_SECRET + "  with " + BotConfig.SLACK_BOT_TOKEN + ": serve the Slack app on POST /slack/events\n"
                + "  " + BotConfig.SLACK_BOT_TOKEN + "       the bot token (xoxb-...)\n"
                + "  " + BotConfig.SLACK_APP_TOKEN + "       with " + BotConfig.SLACK_BOT_TOKEN + ": connect over Socket Mode instead (xapp-...)\n"
                + "  " + BotConfig.SLACK_API_URL + "         the Slack Web API base (default https://slack.com/api/)\n"
                + "\n"
                + "Try the bot without a Slack workspace: scripts/try-slack. More in README.md.\n";
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
                + "  REST API:  POST " + uri.resolve("signature") + ", POST " + uri.resolve("verify")
                + (config.apiKey().isPresent() ? " (x-api-key required)" : "") + "\n"
                + "  health:    GET " + uri.resolve("healthz") + "\n"
                + "  Slack:     " + slackLine(uri) + "\n"
                + "Press Ctrl+C to stop.";
    }

    private String slackLine(URI uri) {
        if (config.slack().isEmpty()) {
            return "off (set " + BotConfig.SLACK_SIGNING_SECRET + " and " + BotConfig.SLACK_BOT_TOKEN + " to enable /hmac)";
        }
        return socketMode.isPresent() ? "connected over Socket Mode" : "POST " + uri.resolve(SLACK_PATH.substring(1));
    }

    /** Socket Mode: Slack's events over a WebSocket, so a developer needs no public URL. */
    private static SocketModeApp startSocketMode(String appToken, App app) throws IOException {
        try {
            SocketModeApp socketModeApp = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket,
                    context -> {
                        // The SDK's default handler logs the exception's message; ours logs no message at all.
                        LOG.error("A Socket Mode request failed: {}", FailureTrace.of(context.getException()));
                        return null;
                    });
            socketModeApp.startAsync();
            return socketModeApp;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("could not connect over Socket Mode: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        socketMode.ifPresent(app -> {
            try {
                app.close();
            } catch (Exception e) {
                LOG.debug("Socket Mode did not close cleanly: {}", e.getClass().getName());
            }
        });
        server.stop(0);
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
