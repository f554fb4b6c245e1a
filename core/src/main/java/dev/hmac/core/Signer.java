package dev.hmac.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * The signing rule of the Apigee OAuth endpoint, byte for byte as the original Python Lambda computed it:
 *
 * <pre>
 * timestamp = Unix seconds (UTC) as a decimal string
 * signature = Base64(HMAC-SHA256(key     = UTF-8(clientsecret),
 *                                message = UTF-8(clientsecret + callback + clientid + timestamp)))
 * </pre>
 *
 * A request may name another {@link Algorithm} and {@link Encoding}; the message is always the same.
 * Thread-safe.
 */
public final class Signer {
    private final Clock clock;

    /** Signs with the system clock when a request carries no timestamp. */
    public Signer() {
        this(Clock.systemUTC());
    }

    public Signer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Signature sign(SignatureRequest request) {
        long seconds = request.timestamp().isPresent()
                ? request.timestamp().getAsLong()
                : Math.floorDiv(clock.millis(), 1000L);
        String timestamp = Long.toString(seconds);
        String signature = signature(request.algorithm(), request.encoding(), request.clientSecret(),
                request.callback(), request.clientId(), timestamp);
        return new Signature(request.callback(), request.clientId(), timestamp, signature, request.algorithm(),
                request.encoding());
    }

    /** The string that is signed. */
    public static String message(String clientSecret, String callback, String clientId, String timestamp) {
        return clientSecret + callback + clientId + timestamp;
    }

    /** The rule itself, for inputs that were validated already. */
    public static String signature(Algorithm algorithm, Encoding encoding, String clientSecret, String callback,
            String clientId, String timestamp) {
        byte[] mac = algorithm.hmac(clientSecret.getBytes(StandardCharsets.UTF_8),
                message(clientSecret, callback, clientId, timestamp).getBytes(StandardCharsets.UTF_8));
        return encoding.encode(mac);
    }

    /** The bare HMAC step, kept separate so it can be pinned to the RFC 4231 test cases. */
    static byte[] hmacSha256(byte[] key, byte[] message) {
        // The JDK refuses an empty key, which HMAC itself allows; validation never lets one through.
        return Algorithm.SHA256.hmac(key, message);
    }
}
