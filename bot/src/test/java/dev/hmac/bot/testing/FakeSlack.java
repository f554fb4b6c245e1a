package dev.hmac.bot.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hmac.bot.BotConfig;
import dev.hmac.core.testing.LoopbackServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Slack's Web API and response_url endpoint on loopback: the only fake in the tests, because Slack is remote and
 * needs credentials. Records every call, answers views.open with ok (or a chosen error), and accepts
 * response_url posts (or refuses them, as an expired URL is).
 */
public final class FakeSlack implements AutoCloseable {

    /** One recorded HTTP call. */
    public record Call(String path, Map<String, List<String>> headers, String body, long nanoTime) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, String> methodReplies = new ConcurrentHashMap<>();
    private final Map<String, Integer> methodStatuses = new ConcurrentHashMap<>();
    private volatile int responseUrlStatus = 200;

    public FakeSlack() throws IOException {
        this(null);
    }

    /**
     * @param tls serves HTTPS with this context (its certificate for 127.0.0.1), as Slack does, so that a client's
     *            TLS handshake is part of what is measured; null for plain HTTP
     */
    public FakeSlack(SSLContext tls) throws IOException {
        HttpServer created;
        if (tls == null) {
            created = LoopbackServers.create();
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            created = https;
        }
        server = LoopbackServers.start(created, "fake-slack", 16, this::handle);
    }

    /** The bot's settings for HTTP mode with the test secrets, its Web API here. */
    public BotConfig botConfig() {
        return new BotConfig(SlackRequests.SIGNING_SECRET, SlackRequests.BOT_TOKEN, apiUrl(),
                Optional.empty());
    }

    /** The Web API base to configure as SLACK_API_URL. */
    public String apiUrl() {
        return base() + "/api/";
    }

    /** A response_url as Slack would send it with a slash command. */
    public String responseUrl(String id) {
        return base() + "/commands/T0001/" + id;
    }

    /** Answer a Web API method with this JSON from now on, e.g. {"ok":false,"error":"expired_trigger_id"}. */
    public void reply(String method, String json) {
        reply(method, 200, json);
    }

    /** Answer a Web API method with this HTTP status and body from now on, e.g. 500 and an HTML error page. */
    public void reply(String method, int status, String body) {
        methodStatuses.put(method, status);
        methodReplies.put(method, body);
    }

    /** Back to answering every method with ok and accepting response_url posts. */
    public void resetReplies() {
        methodStatuses.clear();
        methodReplies.clear();
        responseUrlStatus = 200;
    }

    /** Answer response_url posts with this status from now on (404 is what an expired URL gets). */
    public void responseUrlStatus(int status) {
        this.responseUrlStatus = status;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String pathPrefix) {
        return calls().stream().filter(c -> c.path().startsWith(pathPrefix)).toList();
    }

    /** Web API method calls, such as "views.open" or "auth.test". */
    public List<Call> methodCalls(String method) {
        return calls("/api/" + method);
    }

    public List<Call> responseUrlPosts() {
        return calls("/commands/");
    }

    /** Waits until at least {@code count} calls under the path prefix arrived. */
    public List<Call> await(String pathPrefix, int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                List<Call> matching = calls.stream().filter(c -> c.path().startsWith(pathPrefix)).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new TimeoutException(matching.size() + " of " + count + " calls to " + pathPrefix);
                }
                wait(left);
            }
        }
    }

    public synchronized void clear() {
        calls.clear();
    }

    private String base() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        synchronized (this) {
            calls.add(new Call(path, Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime()));
            notifyAll();
        }
        int status = 200;
        String reply;
        if (path.startsWith("/api/")) {
            String method = path.substring("/api/".length());
            status = methodStatuses.getOrDefault(method, 200);
            reply = methodReplies.getOrDefault(method, method.equals("views.open")
                    ? "{\"ok\":true,\"view\":{\"id\":\"V0001\",\"type\":\"modal\"}}"
                    : "{\"ok\":true}");
        } else if (path.startsWith("/commands/")) {
            status = responseUrlStatus;
            reply = status == 200 ? "ok" : "expired_url";
        } else {
            status = 404;
            reply = "not found";
        }
        LoopbackServers.send(exchange, status, reply);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
