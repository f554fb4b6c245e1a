package dev.hmac.core.audit;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who asked and which request it was: the part of an audit line the host knows, where {@link AuditEvent} is what the
 * signing or the check made of it.
 *
 * @param requestId the host's id of the request: API Gateway's on the REST Lambda, Lambda's on the bot, the server's
 *     own on the local server and ECS
 * @param forwardedRequestId the id of the request this one was made for, as a caller sent it in
 *     {@value #REQUEST_ID_HEADER} (the form signing through the API), or null
 */
public record Caller(Surface surface, Actor actor, String requestId, String forwardedRequestId) {
    /** The header in which the form sends its request's id to the API it signs through. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    public Caller {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(actor, "actor");
    }

    /**
     * The id a caller forwarded, when it has the form of ours (a lower-case UUID); otherwise null. Any caller can send
     * the header, and only an id of our own form may reach an audit line, never text that could be anything.
     */
    public static String forwarded(String header) {
        return header != null && isUuid(header) ? header : null;
    }

    /** {@code 8-4-4-4-12} lower-case hex digits; by hand, as a regular expression would cost a cold start its classes. */
    private static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A new id for a request, unique enough to find its lines: a random (version 4) UUID from the thread's
     * generator. It identifies, it protects nothing, so it needs no secure randomness.
     */
    public static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
