package dev.hmac.bot;

import dev.hmac.core.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one check of a request to the Slack endpoint, on Lambda and on the local server, before anything parses it:
 * POST only, a bounded body, and Slack's v0 signature (HMAC-SHA256 of {@code v0:timestamp:body} with the app's
 * signing secret), current both ways. Both hosts call {@link #answerBeforeBolt}, which also answers what Bolt
 * should never see: Slack's {@code ssl_check}, Slack's retries, and a replay of a request already accepted.
 *
 * <p>Why here, before Bolt, and instead of Bolt's own {@code RequestVerification}: an unsigned body never reaches
 * a parser (Bolt's logs the payloads it does not recognise, and a modal submission holds the client secret); a
 * request dated more than 5 minutes in the future is refused too (Bolt refuses only old ones); and the signatures
 * are compared in constant time (Bolt uses {@code String.equals}). Bolt's check would only repeat this one.
 *
 * <p>Replays: each accepted request's timestamp and signature are remembered for as long as the timestamp is
 * current, in this instance's memory (each Lambda instance has its own), and a byte-identical request gets a
 * plain ack: no second modal, no second reply. A request Bolt refused did nothing and is forgotten
 * ({@link #afterBolt}). Not the view id and hash: a person who fixes a field after an error resubmits the same
 * view with the same hash and new values, and that must go through.
 */
public final class SlackSignatureCheck {
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    /** Sent on Slack's retries of an Events API delivery (the app subscribes to none today). */
    public static final String RETRY_HEADER = "X-Slack-Retry-Num";
    /** Slack's recommended window, applied both ways. */
    public static final long TOLERANCE_SECONDS = 5 * 60;
    /** Slack's payloads are a few KiB; a modal submission with every field full stays far below this. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** Accepted requests remembered at most, whatever their timestamps: a bound on memory, far above Slack's pace. */
    static final int REMEMBERED_REQUESTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(SlackSignatureCheck.class);

    public enum Outcome { VALID, MISSING, MALFORMED, STALE, FUTURE, MISMATCH }

    /** An answer given here, without Bolt: a refusal, or a 200 for what needs no handling. */
    public record Answer(int status, String body) {
        static Answer ack() {
            return new Answer(200, "");
        }
    }

    private final byte[] signingSecret;
    private final Clock clock;
    private final AcceptedRequests accepted = new AcceptedRequests(REMEMBERED_REQUESTS);

    public SlackSignatureCheck(String signingSecret, Clock clock) {
        this.signingSecret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public static Answer tooLarge() {
        return new Answer(413, "{\"error\":\"request body too large\"}");
    }

    /**
     * What the endpoint answers before Bolt, in this order: a refusal of anything but POST or of a body over the
     * limit; a 200 for Slack's {@code ssl_check} (sent when the request URL is saved, signed or not: it carries no
     * data, so nothing is done); a refusal of a request Slack did not sign now; a plain ack of Slack's retry or of
     * a replayed request. Empty when Bolt should handle the request.
     *
     * @param header looks a header up by name, ignoring case
     */
    public Optional<Answer> answerBeforeBolt(String method, UnaryOperator<String> header, byte[] body) {
        if ("POST".equals(method) && body.length <= MAX_BODY_BYTES && isSslCheck(body)) {
            LOG.info("Answered Slack's ssl_check");
            return Optional.of(Answer.ack());
        }
        Optional<Answer> refusal = check(method, header, body);
        if (refusal.isPresent()) {
            return refusal;
        }
        if (header.apply(RETRY_HEADER) != null) {
            LOG.info("Acknowledged a Slack retry without handling it again");
            return Optional.of(Answer.ack());
        }
        String timestamp = header.apply(TIMESTAMP_HEADER).trim();
        if (!accepted.firstTime(key(header), Long.parseLong(timestamp) + TOLERANCE_SECONDS,
                Math.floorDiv(clock.millis(), 1000L))) {
            LOG.warn("Acknowledged a replayed Slack request without handling it again");
            return Optional.of(Answer.ack());
        }
        return Optional.empty();
    }

    /**
     * Tells how Bolt answered a request this check let through: one it refused or failed on (not 2xx) did nothing,
     * and is forgotten, so that sending it again is not taken for a replay.
     */
    public void afterBolt(UnaryOperator<String> header, int status) {
        if (status / 100 != 2) {
            accepted.forget(key(header));
        }
    }

    private static String key(UnaryOperator<String> header) {
        return header.apply(TIMESTAMP_HEADER).trim() + ' ' + header.apply(SIGNATURE_HEADER).trim();
    }

    /**
     * Whether the request is Slack's and current: POST, a body within the limit, a valid signature.
     *
     * @param header looks a header up by name, ignoring case
     * @return a refusal, or empty when the request passes
     */
    public Optional<Answer> check(String method, UnaryOperator<String> header, byte[] body) {
        if (!"POST".equals(method)) {
            return Optional.of(new Answer(405, "{\"error\":\"method not allowed\"}"));
        }
        if (body.length > MAX_BODY_BYTES) {
            return Optional.of(tooLarge());
        }
        Outcome outcome = verify(header.apply(TIMESTAMP_HEADER), header.apply(SIGNATURE_HEADER), body);
        if (outcome != Outcome.VALID) {
            LOG.warn("Refused a Slack request: signature {}", outcome.name().toLowerCase(Locale.ROOT));
            return Optional.of(new Answer(401, "{\"error\":\"invalid request signature\"}"));
        }
        return Optional.empty();
    }

    /** {@code ssl_check=1} among the form fields, and neither a command nor a payload: Slack's certificate check. */
    static boolean isSslCheck(byte[] body) {
        boolean sslCheck = false;
        int start = 0;
        while (start <= body.length) {
            int end = start;
            while (end < body.length && body[end] != '&') {
                end++;
            }
            String field = new String(body, start, end - start, StandardCharsets.ISO_8859_1);
            if (field.equals("ssl_check=1")) {
                sslCheck = true;
            } else if (field.startsWith("command=") || field.startsWith("payload=")) {
                return false;
            }
            start = end + 1;
        }
        return sslCheck;
    }

    public Outcome verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || signingSecret.length == 0) {
            return Outcome.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Outcome.MALFORMED;
        }
        long now = Math.floorDiv(clock.millis(), 1000L);
        if (seconds < now - TOLERANCE_SECONDS) {
            return Outcome.STALE;
        }
        if (seconds > now + TOLERANCE_SECONDS) {
            return Outcome.FUTURE;
        }
        byte[] expected = signature(timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))
                ? Outcome.VALID : Outcome.MISMATCH;
    }

    /** The v0 signature Slack sends for this timestamp and body: {@code v0=} and the HMAC in lowercase hex. */
    public String signature(String timestamp, byte[] body) {
        return "v0=" + HexFormat.of().formatHex(
                Sha256.hmac(signingSecret, ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), body));
    }
}
