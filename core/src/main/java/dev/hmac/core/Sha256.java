package dev.hmac.core;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 from the JDK, for every module that needs them: the signing rule, Slack's request
 * signatures, AWS Signature Version 4, the digest of an API key. Both are required of every Java platform, so a
 * missing one is a broken JDK, not bad input.
 */
public final class Sha256 {
    private static final String HMAC = "HmacSHA256";
    /**
     * One Mac per thread (instances are not thread-safe), initialised anew with each key: getInstance looks the
     * algorithm up among the providers every time, a tenth of a signing request's work on the server.
     */
    private static final ThreadLocal<Mac> MACS = new ThreadLocal<>() {
        @Override
        protected Mac initialValue() {
            try {
                return Mac.getInstance(HMAC);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }
    };

    private Sha256() {
    }

    public static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * HMAC-SHA256 of the parts, one after the other, as if they were one message.
     *
     * @param key not empty: the JDK's key type refuses an empty key, which HMAC itself would allow
     */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, HMAC));
            for (int i = 0; i < parts.length - 1; i++) {
                mac.update(parts[i]);
            }
            return mac.doFinal(parts.length == 0 ? new byte[0] : parts[parts.length - 1]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
