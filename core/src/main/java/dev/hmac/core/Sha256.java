package dev.hmac.core;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * SHA-256 and HMAC-SHA256 from the JDK, for every module that needs them: the signing rule, Slack's request
 * signatures, AWS Signature Version 4, the digest of an API key. Both are required of every Java platform, so a
 * missing one is a broken JDK, not bad input.
 */
public final class Sha256 {
    private Sha256() {
    }

    /** One digest per thread: getInstance looks the provider up each time, and the audit digests once a request. */
    private static final ThreadLocal<MessageDigest> DIGESTS = new ThreadLocal<>() {
        @Override
        protected MessageDigest initialValue() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
    };

    public static byte[] digest(byte[] data) {
        // digest() resets it for the next caller on this thread.
        return DIGESTS.get().digest(data);
    }

    /**
     * HMAC-SHA256 of the parts, one after the other, as if they were one message.
     *
     * @param key not empty: the JDK's key type refuses an empty key, which HMAC itself would allow
     */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        return Algorithm.SHA256.hmac(key, parts);
    }
}
