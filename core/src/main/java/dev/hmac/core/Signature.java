package dev.hmac.core;

import java.time.Instant;

/**
 * A computed signature with the inputs a caller needs to use it. There is no secret here by design: this is
 * what every surface shows or returns.
 *
 * @param timestamp Unix seconds as a decimal string, exactly as signed
 * @param signature the HMAC written in {@code encoding}: by default Base64 (standard alphabet, padded) of the
 *     HMAC-SHA256
 */
public record Signature(String callback, String clientId, String timestamp, String signature, Algorithm algorithm,
        Encoding encoding) {

    /** A signature by the original rule: HMAC-SHA256, base64. */
    public Signature(String callback, String clientId, String timestamp, String signature) {
        this(callback, clientId, timestamp, signature, Algorithm.DEFAULT, Encoding.DEFAULT);
    }

    /** The moment the timestamp stands for. */
    public Instant time() {
        return Instant.ofEpochSecond(Long.parseLong(timestamp));
    }
}
