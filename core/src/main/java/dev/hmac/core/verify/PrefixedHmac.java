package dev.hmac.core.verify;

import dev.hmac.core.Algorithm;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC (RFC 2104) of one key over many messages that share a prefix, for the search: the key's inner and outer
 * blocks and the prefix are hashed once, and each message costs only the hash of what follows the prefix plus
 * the outer hash. The JDK's {@code Mac} would hash the key block again on every reset (see docs/verification.md
 * for the two side by side). Not thread-safe: one per search.
 */
final class PrefixedHmac {
    private static final byte INNER_PAD = 0x36;
    private static final byte OUTER_PAD = 0x5c;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final int length;
    private final byte[] innerHash;
    /** Without clonable digests (some providers): the blocks and prefix to feed again for each message. */
    private final byte[] innerBlock;
    private final byte[] outerBlock;
    private final byte[] prefix;
    private final boolean cloning;

    PrefixedHmac(Algorithm algorithm, byte[] key, byte[] prefix) {
        this(algorithm, key, prefix, true);
    }

    /** @param cloning false to feed the blocks again for every message, as without clonable digests */
    PrefixedHmac(Algorithm algorithm, byte[] key, byte[] prefix, boolean cloning) {
        this.inner = digest(algorithm);
        this.outer = digest(algorithm);
        this.length = algorithm.macLength();
        this.innerHash = new byte[length];
        byte[] block = new byte[algorithm.blockLength()];
        byte[] k = key.length > block.length ? digest(algorithm).digest(key) : key;
        this.innerBlock = new byte[block.length];
        this.outerBlock = new byte[block.length];
        for (int i = 0; i < block.length; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerBlock[i] = (byte) (b ^ INNER_PAD);
            outerBlock[i] = (byte) (b ^ OUTER_PAD);
        }
        this.prefix = prefix;
        inner.update(innerBlock);
        inner.update(prefix);
        outer.update(outerBlock);
        this.cloning = cloning && clonable(inner);
    }

    /** The MAC of prefix + {@code middle[0, middleLength)} + suffix, written to {@code out[0, macLength)}. */
    void mac(byte[] middle, int middleLength, byte[] suffix, byte[] out) {
        try {
            MessageDigest in = cloning ? (MessageDigest) inner.clone() : refed(inner, innerBlock, prefix);
            in.update(middle, 0, middleLength);
            if (suffix.length > 0) {
                in.update(suffix);
            }
            in.digest(innerHash, 0, length);
            MessageDigest last = cloning ? (MessageDigest) outer.clone() : refed(outer, outerBlock, null);
            last.update(innerHash, 0, length);
            last.digest(out, 0, length);
        } catch (CloneNotSupportedException | DigestException e) {
            // Checked once in the constructor, and out always has room: neither can happen.
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest refed(MessageDigest digest, byte[] block, byte[] prefix) {
        digest.reset();
        digest.update(block);
        if (prefix != null) {
            digest.update(prefix);
        }
        return digest;
    }

    private static boolean clonable(MessageDigest digest) {
        try {
            digest.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }

    private static MessageDigest digest(Algorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.digestName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.digestName() + " is not available", e);
        }
    }
}
