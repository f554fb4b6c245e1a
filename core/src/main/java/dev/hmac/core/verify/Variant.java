package dev.hmac.core.verify;

import java.nio.charset.StandardCharsets;

/**
 * One way a signer's code may have built the key and the string to sign: the string is
 * {@code prefix + timestamp + suffix}, so that the search can hash the prefix once for all timestamps.
 *
 * @param cause null for the rule itself
 * @param explanation what to tell the user when this variant is the one that matches; null for the rule itself
 */
record Variant(Cause cause, byte[] key, String prefix, String suffix, Explanation explanation) {

    /** The rule: key = the secret, string = secret + callback + client id + timestamp. */
    static Variant rule(String secret, String callback, String clientId) {
        return new Variant(null, utf8(secret), secret + callback + clientId, "", null);
    }

    /** Two variants with the same identity compute the same MACs. */
    String identity() {
        return java.util.HexFormat.of().formatHex(key) + '\u0000' + prefix + '\u0000' + suffix;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
