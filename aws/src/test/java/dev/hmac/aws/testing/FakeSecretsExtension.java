package dev.hmac.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.LoopbackServers;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS Parameters and Secrets Lambda Extension's HTTP interface on loopback: {@code GET
 * /secretsmanager/get?secretId=...} with the {@code X-Aws-Parameters-Secrets-Token} header, answered with a
 * GetSecretValue-shaped JSON. A fake because Secrets Manager is remote and needs credentials. It can answer
 * "not ready" for its first calls, as the real one does while it starts alongside the runtime.
 */
public final class FakeSecretsExtension implements AutoCloseable {
    public static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEFake-session-token";
    public static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:hmac/slack-AbCdEf";

    /** One request: the secretId asked for and the token header sent (null when absent). */
    public record Call(String secretId, String token) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger notReady = new AtomicInteger();

    public FakeSecretsExtension() throws IOException {
        server = LoopbackServers.start(LoopbackServers.create(), "fake-secrets-extension", 1, this::handle);
    }

    /** The value for PARAMETERS_SECRETS_EXTENSION_HTTP_PORT. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves this SecretString for this ARN. */
    public synchronized FakeSecretsExtension secret(String arn, String secretString) {
        secrets.put(arn, secretString);
        return this;
    }

    /** The bot's secret as the README says to store it. */
    public FakeSecretsExtension slackSecret(String signingSecret, String botToken) {
        return secret(SECRET_ARN, Json.write(Map.of("SLACK_SIGNING_SECRET", signingSecret, "SLACK_BOT_TOKEN", botToken)));
    }

    /** Answers the next {@code count} calls with 400 "not ready to serve traffic, please wait". */
    public FakeSecretsExtension notReadyFor(int count) {
        notReady.set(count);
        return this;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token");
        String query = exchange.getRequestURI().getRawQuery();
        String secretId = null;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("secretId=")) {
                    secretId = URLDecoder.decode(pair.substring("secretId=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        String secretString;
        synchronized (this) {
            calls.add(new Call(secretId, token));
            secretString = secrets.get(secretId);
        }
        if (notReady.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            LoopbackServers.send(exchange, 400, "not ready to serve traffic, please wait");
        } else if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals("/secretsmanager/get")) {
            LoopbackServers.send(exchange, 404, "not found");
        } else if (!SESSION_TOKEN.equals(token)) {
            LoopbackServers.send(exchange, 401, "{\"message\":\"invalid or missing X-Aws-Parameters-Secrets-Token\"}");
        } else if (secretString == null) {
            LoopbackServers.send(exchange, 400, "{\"__type\":\"ResourceNotFoundException\","
                    + "\"message\":\"Secrets Manager can't find the specified secret.\"}");
        } else {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("ARN", secretId);
            answer.put("Name", secretId.substring(secretId.lastIndexOf(':') + 1));
            answer.put("SecretString", secretString);
            answer.put("VersionId", "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111");
            answer.put("VersionStages", List.of("AWSCURRENT"));
            answer.put("CreatedDate", "2026-01-01T00:00:00.000Z");
            LoopbackServers.send(exchange, 200, Json.write(answer));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
