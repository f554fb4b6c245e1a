package dev.hmac.bot;

import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every HTTP request to the Slack endpoint passes before Bolt parses it, on Lambda and on the local server:
 * POST only, a bounded body, and a valid, current signature. Unsigned bodies are never parsed, so no parser can
 * log them.
 */
public final class SlackGate {
    private static final Logger LOG = LoggerFactory.getLogger(SlackGate.class);
    /** Slack's payloads are a few KiB; a modal submission with every field full stays far below this. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final SlackRequestVerifier verifier;

    public SlackGate(String signingSecret, Clock clock) {
        this.verifier = new SlackRequestVerifier(signingSecret, clock);
    }

    /** A refusal: the HTTP status and a JSON body. */
    public record Rejection(int status, String body) {
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
        SlackRequestVerifier.Outcome outcome = verifier.verify(header.apply(SlackRequestVerifier.TIMESTAMP_HEADER),
                header.apply(SlackRequestVerifier.SIGNATURE_HEADER), body);
        if (outcome != SlackRequestVerifier.Outcome.VALID) {
            LOG.warn("Refused a Slack request: signature {}", outcome.name().toLowerCase(java.util.Locale.ROOT));
            return Optional.of(new Rejection(401, "{\"error\":\"invalid request signature\"}"));
        }
        return Optional.empty();
    }
}
