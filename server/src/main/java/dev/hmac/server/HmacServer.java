package dev.hmac.server;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.hmac.api.RestApi;
import dev.hmac.api.SignatureEndpoint;
import dev.hmac.api.VerificationEndpoint;
import dev.hmac.aws.AuditLines;
import dev.hmac.aws.JsonLog;
import dev.hmac.bot.BoltDispatcher;
import dev.hmac.bot.BotConfig;
import dev.hmac.bot.SlackApp;
import dev.hmac.bot.SlackSignatureCheck;
import dev.hmac.core.FailureTrace;
import dev.hmac.core.Field;
import dev.hmac.core.Signer;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.verify.VerificationLimiter;
import dev.hmac.core.verify.Verifier;
import dev.hmac.server.sso.AlbSignInCheck;
import dev.hmac.server.sso.SsoConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local server: the web form at {@code /} and {@code /check}, the REST API at {@code /signature} and {@code /verify},
 * {@code /healthz}, and (when configured) the Slack endpoint. Runs with no configuration at all.
 *
 * <p>Jetty 12's core API, without the servlet layer (nor Javalin over it): a slow or silent client costs a
 * connection, not a thread, and every bound below is Jetty's own or a few lines here. Bounds: the request line and
 * headers within {@value HeaderDeadline#SECONDS} s ({@link HeaderDeadline}) and {@value #MAX_HEADER_BYTES} bytes;
 * the body at a minimum rate ({@link BodyReader}) and within its route's limit; the answer taken within
 * {@value Router#ANSWER_DEADLINE_SECONDS} s; kept-alive connections idle for {@value #IDLE_SECONDS} s; at most
 * {@value #MAX_CONNECTIONS} connections. None is a setting: see docs/security.md.
 */
public final class HmacServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HmacServer.class);
    static final String SLACK_PATH = "/slack/events";
    /**
     * The load balancer's own limit on a request's headers, so that nothing it passes on is refused here. With
     * single sign-on it adds x-amzn-oidc-data (user claims up to 11 KB, so about 15 KiB in base64url) and the IdP's
     * access token, and passes on its session cookie (up to four 4 KiB shards): past Jetty's default 8 KiB, and it
     * can pass 32 KiB.
     */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /**
     * Longer than the load balancer's 60-second idle timeout, as AWS advises for targets: the balancer then never
     * sends a request down a connection the task has just closed (a 502 to the user).
     */
    static final long IDLE_SECONDS = 65;
    /** Far above what one person at a form or an API's callers open; no per-address cap (behind the balancer, few addresses). */
    static final int MAX_CONNECTIONS = 1000;
    /** At the connection limit, idle connections are closed after this instead, to make room. */
    private static final Duration IDLE_AT_LIMIT = Duration.ofSeconds(5);
    /** ECS sends SIGTERM, then SIGKILL after 30 s: requests in flight get 10 s to finish. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN_IDLE = Duration.ofMillis(100);
    private static final int MAX_THREADS = 200;
    /** Browsers ask for the icon on every page they have not cached it for; it changes about never. */
    static final Duration FAVICON_MAX_AGE = Duration.ofDays(1);

    private final Server server;
    private final ServerConnector connector;
    private final HeaderDeadline headerDeadline;
    private final ServerConfig config;
    private final SigningBackend backend;
    private final Optional<SocketModeApp> socketMode;
    /** Where the audit lines wait to be written: closed after the server stops, so the last requests' are written. */
    private volatile AutoCloseable auditOutput = () -> { };

    private HmacServer(Server server, ServerConnector connector, HeaderDeadline headerDeadline, ServerConfig config,
                       SigningBackend backend, Optional<SocketModeApp> socketMode) {
        this.server = server;
        this.connector = connector;
        this.headerDeadline = headerDeadline;
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
        server.join();
    }

    /** Starts listening; port 0 picks a free port (see {@link #uri()}). */
    public static HmacServer start(ServerConfig config) throws IOException {
        // One bound on searches for the whole process, so that checks can't take every core from signing.
        BatchedStandardOutput output = new BatchedStandardOutput();
        AuditLines audit = new AuditLines(new JsonLog(output, Clock.systemUTC()), Clock.systemUTC());
        HmacServer server;
        try {
            server = start(config, VerificationLimiter.forThisMachine(new Verifier()), audit);
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
        server.auditOutput = output;
        return server;
    }

    /**
     * @param checks every check of the process waits here for its turn: REST and Slack
     * @param audit where every surface's audit lines and counts go (JSON lines on standard output, as on Lambda)
     */
    static HmacServer start(ServerConfig config, VerificationLimiter checks, AuditTrail audit) throws IOException {
        Signer signer = new Signer();
        RestApi api = new RestApi(new SignatureEndpoint(signer), new VerificationEndpoint(checks));
        SigningBackend backend = config.apiUrl().isPresent()
                ? new RemoteSigning(config.apiUrl().get(), config.apiKey())
                : new LocalSigning(signer, checks);

        Map<String, Route> routes = new LinkedHashMap<>();
        routes.put(SigningPage.PATH, new FormRoute(Field.signing(), backend::sign, SigningPage::page,
                AuditEvent.Kind.SIGNATURE, audit));
        routes.put(CheckPage.PATH, new FormRoute(List.of(Field.values()), backend::check, CheckPage::page,
                AuditEvent.Kind.VERIFICATION, audit));
        routes.put(SignatureEndpoint.PATH, new RestRoute(api, SignatureEndpoint.PATH, config.apiKey(), audit));
        routes.put(VerificationEndpoint.PATH, new RestRoute(api, VerificationEndpoint.PATH, config.apiKey(), audit));
        Answer healthy = Answer.of(200, Answer.JSON, "{\"status\":\"ok\"}", Map.of("Cache-Control", "no-store"));
        routes.put(Router.HEALTH_PATH, head -> healthy);
        routes.put("/static/form.css", new StaticRoute("/static/form.css", "text/css; charset=utf-8"));
        routes.put("/static/form.js", new StaticRoute("/static/form.js", "text/javascript; charset=utf-8"));
        routes.put("/favicon.ico", new StaticRoute("/static/favicon.ico", "image/x-icon", FAVICON_MAX_AGE));
        routes.putAll(ApiDocument.routes());
        routes.put("/static/api.css", new StaticRoute("/static/api.css", "text/css; charset=utf-8"));

        Optional<SocketModeApp> socketMode = Optional.empty();
        if (config.slack().isPresent()) {
            BotConfig bot = config.slack().get();
            App app = SlackApp.create(bot, signer, checks::verify, SlackApp.webApi(bot), audit);
            if (bot.appToken().isPresent()) {
                socketMode = Optional.of(startSocketMode(bot.appToken().get(), app));
            } else {
                routes.put(SLACK_PATH, new SlackRoute(new SlackSignatureCheck(bot.signingSecret(), Clock.systemUTC()),
                        new BoltDispatcher(app.start())));
            }
        }

        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("hmac-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getByName(config.host()).getHostAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(Duration.ofSeconds(IDLE_SECONDS).toMillis());
        // While stopping, an idle kept-alive connection closes at once (Jetty waits 1 s): nothing more comes on it.
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE.toMillis());
        server.addConnector(connector);
        NetworkConnectionLimit limit = new NetworkConnectionLimit(MAX_CONNECTIONS, server);
        limit.setEndPointIdleTimeout(IDLE_AT_LIMIT.toMillis());
        server.addBean(limit);
        server.setHandler(new GracefulHandler(new Router(routes, config.sso().map(AlbSignInCheck::of), audit)));
        server.setRequestLog(new AccessLog());
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        server.setStopAtShutdown(false); // our own hook stops Socket Mode too
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("the server did not start: " + e.getClass().getSimpleName(), e);
        }
        HmacServer started = new HmacServer(server, connector, HeaderDeadline.start(connector), config, backend,
                socketMode);
        LOG.debug("started with {}", config);
        return started;
    }

    /** What {@code --help} prints: how to run the server and the settings it reads. */
    static String usage() {
        return "usage: ./serve           (or: java -jar server/target/hmac-server.jar)\n"
                + "\n"
                + "Starts the local server: the web form at / and /check, POST /signature, POST /verify, their contract\n"
                + "at GET /api (GET /openapi.json, /openapi.yaml), GET /healthz, and with Slack settings the Slack app\n"
                + "(POST /slack/events, or Socket Mode). ./serve builds the jar first when it is missing or older than the\n"
                + "sources. It needs no settings; these are read from the environment:\n"
                + "\n"
                + "  " + ServerConfig.HOST + "                  address to listen on (default 127.0.0.1; 0.0.0.0 in a container)\n"
                + "  " + ServerConfig.PORT + "                  port to listen on (default 8080; 0 picks a free one)\n"
                + "  " + ServerConfig.HMAC_API_KEY + "          POST /signature and /verify require x-api-key with this value; sent to HMAC_API_URL too\n"
                + "  " + ServerConfig.HMAC_API_URL + "          the form signs through this deployed /signature (and checks through its /verify)\n"
                + "  " + BotConfig.SLACK_SIGNING_SECRET + "  with " + BotConfig.SLACK_BOT_TOKEN + ": serve the Slack app on POST /slack/events\n"
                + "  " + BotConfig.SLACK_BOT_TOKEN + "       the bot token (xoxb-...)\n"
                + "  " + BotConfig.SLACK_APP_TOKEN + "       with " + BotConfig.SLACK_BOT_TOKEN + ": connect over Socket Mode instead (xapp-...)\n"
                + "  " + BotConfig.SLACK_API_URL + "         the Slack Web API base (default https://slack.com/api/)\n"
                + "  " + SsoConfig.HMAC_ALB_ARN + "          behind an ALB with single sign-on: its ARN; every request but /healthz\n"
                + "                        must then carry its sign-in (x-amzn-oidc-data), else 401\n"
                + "  " + SsoConfig.HMAC_ALB_KEYS_URL + "     where that ALB's public keys are (default: its region's endpoint)\n"
                + "\n"
                + "Try the bot without a Slack workspace: scripts/try-slack. More in README.md.\n";
    }

    /** Where the server listens, with the actual port. */
    public URI uri() {
        String host = connector.getHost();
        try {
            if (InetAddress.getByName(host).isAnyLocalAddress()) {
                host = "localhost";
            }
        } catch (IOException e) {
            // a literal address, as set at start: keep it
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
    }

    String banner() {
        URI uri = uri();
        return "hmac is running at " + uri + "\n"
                + "  web form:  " + uri + " and " + uri.resolve(CheckPage.PATH.substring(1)) + " ("
                + backend.describe() + ")\n"
                + "  REST API:  POST " + uri.resolve("signature") + ", POST " + uri.resolve("verify")
                + (config.apiKey().isPresent() ? " (x-api-key required)" : "") + "\n"
                + "  contract:  " + uri.resolve(ApiDocument.PAGE_PATH.substring(1)) + " (OpenAPI: "
                + uri.resolve(ApiDocument.JSON_PATH.substring(1)) + ")\n"
                + "  health:    GET " + uri.resolve("healthz") + "\n"
                + (config.sso().isPresent() ? "  sign-in:   every other request through the load balancer "
                        + config.sso().get().albArn() + "\n" : "")
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

    /** Waits until the server has stopped (for {@code main}: its threads do not keep the JVM alive). */
    void join() {
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting, lets requests in flight finish (at most {@link #STOP_TIMEOUT}), then stops. */
    @Override
    public void close() {
        socketMode.ifPresent(app -> {
            try {
                app.close();
            } catch (Exception e) {
                LOG.debug("Socket Mode did not close cleanly: {}", e.getClass().getName());
            }
        });
        headerDeadline.stop();
        if (server.isStopping() || server.isStopped()) {
            return;
        }
        LOG.info("Stopping: no new connections; requests in flight have {} s to finish", STOP_TIMEOUT.toSeconds());
        try {
            server.stop();
            LOG.info("Stopped");
        } catch (Exception e) {
            LOG.warn("The server did not stop cleanly: {}", FailureTrace.of(e));
        }
        try {
            auditOutput.close();
        } catch (Exception e) {
            LOG.warn("The audit lines were not all written: {}", FailureTrace.of(e));
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // it did not start: nothing to keep
        }
    }
}
