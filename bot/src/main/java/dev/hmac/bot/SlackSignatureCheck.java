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
 * signing secret), current both ways.
 *
 * <p>Why here, before Bolt, and instead of Bolt's own {@code RequestVerification}: an unsigned body never reaches
 * a parser (Bolt's logs the payloads it does not recognise, and a modal submission holds the client secret); a
 * request dated more than 5 minutes in the future is refused too (Bolt refuses only old ones); and the signatures
 * are compared in constant time (Bolt uses {@code String.equals}). Bolt's check would only repeat this one.
 */
public final class SlackSignatureCheck {
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    /** Slack's recommended window, applied both ways. */
    public static final long TOLERANCE_SECONDS = 5 * 60;
    /** Slack's payloads are a few KiB; a modal submission with every field full stays far below this. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SlackSignatureCheck.class);

    public enum Outcome { VALID, MISSING, MALFORMED, STALE, FUTURE, MISMATCH }

    /** A refusal: the HTTP status and a JSON body. */
    public record Rejection(int status, String body) {
    }

    private final byte[] signingSecret;
    private final Clock clock;

    public SlackSignatureCheck(String signingSecret, Clock clock) {
        this.signingSecret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public static Rejection tooLarge() {
        return new Rejection(413, "{\"error\":\"request body too large\"}");
    }

    /**
     * @param header looks a header up by name, ignoring case
     * @return a rejection, or empty when Bolt may handle the request
     */
    public Optional<Rejection> check(String method, UnaryOperator<String> header, byte[] body) {
        if (!"POST".equals(method)) {
            return Optional.of(new Rejection(405, "{\"error\":\"method not allowed\"}"));
        }
        if (body.length > MAX_BODY_BYTES) {
            return Optional.of(tooLarge());
        }
        Outcome outcome = verify(header.apply(TIMESTAMP_HEADER), header.apply(SIGNATURE_HEADER), body);
        if (outcome != Outcome.VALID) {
            LOG.warn("Refused a Slack request: signature {}", outcome.name().toLowerCase(Locale.ROOT));
            return Optional.of(new Rejection(401, "{\"error\":\"invalid request signature\"}"));
        }
        return Optional.empty();
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
