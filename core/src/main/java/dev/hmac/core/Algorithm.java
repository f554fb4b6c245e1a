package dev.hmac.core;

import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The hash functions of Apigee's HMAC policy. {@link #SHA256} is the original rule and the default. */
public enum Algorithm {
    MD5(16),
    SHA1(20),
    SHA224(28),
    SHA256(32),
    SHA384(48),
    SHA512(64);

    public static final Algorithm DEFAULT = SHA256;

    private final int macLength;
    private final String key = name().toLowerCase(Locale.ROOT);
    /**
     * One Mac per thread (instances are not thread-safe), initialised anew with each key: getInstance looks the
     * algorithm up among the providers on every call, about a tenth of a {@code POST /signature} on the server
     * (docs/performance.md; docs/verification.md has a new Mac per HMAC at 2.4 times a reused one's cost).
     */
    private final ThreadLocal<Mac> macs = new ThreadLocal<>() {
        @Override
        protected Mac initialValue() {
            try {
                return Mac.getInstance(macName());
            } catch (GeneralSecurityException e) {
                // Every Java platform has these: this is a broken JDK, not bad input.
                throw new IllegalStateException(macName() + " is not available", e);
            }
        }
    };

    Algorithm(int macLength) {
        this.macLength = macLength;
    }

    /** The canonical name, as answers carry it: {@code sha256}. */
    public String key() {
        return key;
    }

    /** Bytes in a MAC of this algorithm: the length of a decoded signature tells the algorithm. */
    public int macLength() {
        return macLength;
    }

    /** How people write it: {@code HMAC-SHA256}. */
    public String label() {
        return "HMAC-" + name();
    }

    /** MD5 and SHA-1: still accepted by Apigee, marked as weak on the form and in the docs. */
    public boolean isWeak() {
        return this == MD5 || this == SHA1;
    }

    /** Bytes in one block of the hash function, to which HMAC pads the key: SHA-384 and SHA-512 work on 128. */
    public int blockLength() {
        return this == SHA384 || this == SHA512 ? 128 : 64;
    }

    /** The JDK's name of the hash function, for {@link java.security.MessageDigest}: {@code SHA-256}, {@code MD5}. */
    public String digestName() {
        return this == MD5 ? "MD5" : "SHA-" + name().substring(3);
    }

    /** The JDK's name of the HMAC, for {@link Mac}: {@code HmacSHA256}. */
    private String macName() {
        return "Hmac" + name();
    }

    /**
     * The HMAC of the parts, one after the other, as if they were one message, by the JDK's {@link Mac}.
     *
     * @param key not empty: the JDK's key type refuses an empty key, which HMAC itself would allow
     */
    public byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = macs.get();
            mac.init(new SecretKeySpec(key, macName()));
            for (int i = 0; i < parts.length - 1; i++) {
                mac.update(parts[i]);
            }
            return mac.doFinal(parts.length == 0 ? new byte[0] : parts[parts.length - 1]);
        } catch (GeneralSecurityException e) {
            // Every Java platform has these: this is a broken JDK, not bad input.
            throw new IllegalStateException(macName() + " is not available", e);
        }
    }

    /**
     * Reads a name the way people write it: case-insensitive, {@code sha256}, {@code sha-256}, {@code HmacSHA256}
     * and {@code HMAC-SHA256} all name {@link #SHA256}.
     */
    public static Optional<Algorithm> parse(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (folded.startsWith("hmac")) {
            folded = folded.substring(4);
        }
        for (Algorithm algorithm : values()) {
            if (algorithm.key().equals(folded)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** The algorithm whose MACs have this many bytes, if any. */
    public static Optional<Algorithm> ofMacLength(int bytes) {
        for (Algorithm algorithm : values()) {
            if (algorithm.macLength == bytes) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
