package dev.hmac.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.LoopbackServers;
import dev.hmac.core.json.JsonException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * Secrets Manager's GetSecretValue on loopback, for the bot's direct read when the extension does not answer: a
 * fake because AWS is remote and needs credentials. It checks each request's Signature Version 4 signature against
 * the test credentials with its own small verifier, and answers as Secrets Manager does (JSON 1.1).
 */
public final class FakeSecretsManager implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "ASIAFAKEACCESSKEY0001";
    public static final String SECRET_ACCESS_KEY = "fakeSecretAccessKey/0123456789abcdefEXAMPLE";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/secretsmanager/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");

    /** One request: the secret asked for, and whether its signature held. */
    public record Call(String secretId, boolean signedCorrectly, String sessionToken) {
    }

    private final HttpServer server;
    private final boolean https;
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();

    public FakeSecretsManager() throws IOException {
        this(null);
    }

    /** @param tls serves HTTPS with this context (its certificate for 127.0.0.1), as AWS does; null for plain HTTP */
    public FakeSecretsManager(SSLContext tls) throws IOException {
        HttpServer created;
        if (tls == null) {
            created = LoopbackServers.create();
        } else {
            HttpsServer secure = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            secure.setHttpsConfigurator(new HttpsConfigurator(tls));
            created = secure;
        }
        this.https = tls != null;
        server = LoopbackServers.start(created, "fake-secrets-manager", 1, this::handle);
    }

    /** The value for AWS_ENDPOINT_URL_SECRETS_MANAGER. */
    public String endpoint() {
        return (https ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The credentials variables Lambda sets for a function, these fake ones. */
    public Map<String, String> lambdaCredentials(String sessionToken) {
        return Map.of("AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY,
                "AWS_SESSION_TOKEN", sessionToken, "AWS_ENDPOINT_URL_SECRETS_MANAGER", endpoint());
    }

    public synchronized FakeSecretsManager secret(String arn, String secretString) {
        secrets.put(arn, secretString);
        return this;
    }

    public FakeSecretsManager slackSecret(String arn, String signingSecret, String botToken) {
        return secret(arn, Json.write(Map.of("SLACK_SIGNING_SECRET", signingSecret, "SLACK_BOT_TOKEN", botToken)));
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** When each call's request had arrived ({@link System#nanoTime()}), in the order of {@link #calls()}. */
    public synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        long arrived = System.nanoTime();
        String secretId = null;
        try {
            if (Json.parse(body) instanceof Map<?, ?> request && request.get("SecretId") instanceof String id) {
                secretId = id;
            }
        } catch (JsonException e) {
            // answered below
        }
        boolean signed = signedCorrectly(exchange, body);
        String secretString;
        synchronized (this) {
            calls.add(new Call(secretId, signed, exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")));
            arrivals.add(arrived);
            secretString = secrets.get(secretId);
        }
        if (!exchange.getRequestMethod().equals("POST")
                || !"secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
            send(exchange, 400, "{\"__type\":\"UnknownOperationException\"}");
        } else if (!signed) {
            send(exchange, 403, "{\"__type\":\"InvalidSignatureException\",\"message\":\"The request signature we"
                    + " calculated does not match the signature you provided.\"}");
        } else if (secretString == null) {
            send(exchange, 400, "{\"__type\":\"ResourceNotFoundException\","
                    + "\"Message\":\"Secrets Manager can't find the specified secret.\"}");
        } else {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("ARN", secretId);
            answer.put("Name", secretId.substring(secretId.lastIndexOf(':') + 1));
            answer.put("SecretString", secretString);
            answer.put("VersionId", "a1b2c3d4-5678-90ab-cdef-EXAMPLE22222");
            answer.put("VersionStages", List.of("AWSCURRENT"));
            answer.put("CreatedDate", new java.math.BigDecimal("1.767225600713E9"));
            send(exchange, 200, Json.write(answer));
        }
    }

    /** Signature Version 4, recomputed from what arrived: the headers the client listed as signed, the body. */
    private static boolean signedCorrectly(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (m == null || !m.matches() || !m.group(1).equals(ACCESS_KEY_ID) || !m.group(3).equals(REGION)) {
            return false;
        }
        String date = m.group(2);
        String amzDate = exchange.getRequestHeaders().getFirst("X-Amz-Date");
        if (amzDate == null || !amzDate.startsWith(date)) {
            return false;
        }
        StringBuilder canonical = new StringBuilder("POST\n")
                .append(exchange.getRequestURI().getRawPath()).append("\n\n");
        for (String name : m.group(4).split(";")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value == null) {
                return false;
            }
            canonical.append(name).append(':').append(value.trim()).append('\n');
        }
        canonical.append('\n').append(m.group(4)).append('\n').append(hex(sha256(body)));
        String scope = date + "/" + REGION + "/secretsmanager/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + SECRET_ACCESS_KEY).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of(date, REGION, "secretsmanager", "aws4_request", toSign)) {
            key = hmac(key, part);
        }
        return MessageDigest.isEqual(hex(key).getBytes(StandardCharsets.US_ASCII), m.group(5).getBytes(StandardCharsets.US_ASCII))
                && m.group(4).contains("host") && m.group(4).contains("x-amz-date");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        LoopbackServers.send(exchange, status, "application/x-amz-json-1.1", body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
