package dev.hmac.bot.lambda;

import dev.hmac.bot.SlackSignatureCheck;
import dev.hmac.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * Warms the function when its initialization is not on anybody's clock: with SnapStart, Lambda snapshots the
 * function after init, so every environment restored from the snapshot starts with what priming loaded and
 * compiled; with provisioned concurrency, init runs ahead of traffic. A {@code /hmac help}, signed with the app's
 * own secret, runs through the whole stack (event binding, the signature check, Bolt's parsing, routing and
 * middleware, the command listener, ack) and calls nothing outside: help is answered in the ack. Then one TLS
 * connection to the Slack API's host is opened, its handshake done, and closed, with no request sent: the first
 * {@code views.open} after a restore otherwise runs some 500 JSSE classes' handshake code cold, most of its time to
 * the modal (docs/performance.md). As AWS's SnapStart guidance asks of network connections, nothing of it survives
 * into the snapshot: the connection is closed, and the client's TLS session cache emptied, so the first call after a
 * restore makes a full handshake of its own (warm code, not a resumed session). The TLS context's randomness is the
 * JDK's NativePRNG, which reads /dev/urandom on every use, so a restored snapshot does not repeat it.
 *
 * <p>Never on an on-demand init, where it would only lengthen the cold start. Not an org.crac
 * {@code beforeCheckpoint} hook either: registering one makes the runtime build a dynamic proxy on every cold start
 * (about 10 ms measured), and SnapStart takes its snapshot after init anyway.
 */
final class Priming {
    /** Set by Lambda: on-demand, provisioned-concurrency or snap-start (docs: defined runtime variables). */
    static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

    private final SlackSignatureCheck signer;
    private final Clock clock;

    Priming(String signingSecret, Clock clock) {
        this.signer = new SlackSignatureCheck(signingSecret, clock);
        this.clock = clock;
    }

    /** The handshake may not hold up an init that SnapStart bounds at 10 s (and Slack's host may be unreachable). */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

    /** True when this init runs before any request waits on it. */
    static boolean aheadOfTraffic(Map<String, String> env) {
        String type = env.get(INITIALIZATION_TYPE);
        return "snap-start".equals(type) || "provisioned-concurrency".equals(type);
    }

    /** {@code /hmac help} as API Gateway hands it over, signed now. */
    byte[] helpEvent() {
        String body = "token=priming&team_id=T0&channel_id=C0&user_id=U0&command=%2Fhmac&text=help"
                + "&api_app_id=A0&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2Fpriming&trigger_id=priming";
        String timestamp = Long.toString(Math.floorDiv(clock.millis(), 1000L));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put(SlackSignatureCheck.TIMESTAMP_HEADER, timestamp);
        headers.put(SlackSignatureCheck.SIGNATURE_HEADER, signer.signature(timestamp, body.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/slack/events");
        event.put("headers", headers);
        event.put("requestContext", Map.of("identity", Map.of("sourceIp", "127.0.0.1")));
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return Json.write(event).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A TLS handshake with the host of {@code apiUrl}, through {@code context}'s sockets as the Web API client's calls
     * go, no HTTP request, the connection closed and every session of the context's client cache invalidated.
     *
     * @return false, with nothing done, when {@code apiUrl} is not https
     * @throws IOException when the host cannot be reached or the handshake fails (the cache is emptied anyway)
     */
    static boolean handshake(String apiUrl, SSLContext context) throws IOException {
        URI uri = URI.create(apiUrl);
        if (!"https".equals(uri.getScheme())) {
            return false;
        }
        HttpsURLConnection connection = (HttpsURLConnection) uri.resolve("/").toURL().openConnection();
        try {
            connection.setSSLSocketFactory(context.getSocketFactory());
            connection.setConnectTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
            connection.setReadTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
            // connect() opens the socket and completes the handshake (and the host name check); nothing is sent
            // until a stream is asked for, and none is.
            connection.connect();
        } finally {
            connection.disconnect();
            forgetSessions(context.getClientSessionContext());
        }
        return true;
    }

    private static void forgetSessions(SSLSessionContext sessions) {
        for (byte[] id : Collections.list(sessions.getIds())) {
            SSLSession session = sessions.getSession(id);
            if (session != null) {
                session.invalidate();
            }
        }
    }
}
