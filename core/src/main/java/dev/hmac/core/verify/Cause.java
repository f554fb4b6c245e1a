package dev.hmac.core.verify;

import java.util.Optional;

/**
 * Why a signature does not match, as a stable code. In the order of specificity: when several causes explain a
 * signature together, the verdict lists them in this order.
 */
public enum Cause {
    /** Spaces where {@code +} belongs, or still percent-encoded: decoded or encoded once too often. */
    URL_DECODED("url-decoded", "URL-decoded"),
    /** The right MAC, written in another encoding (hex of either case, base64url, base64 without padding). */
    ENCODING("encoding", "Encoding"),
    /** Right for another timestamp within 24 hours of the one given. */
    TIMESTAMP("timestamp", "Timestamp"),
    /** Made with a timestamp in milliseconds, or a timestamp in milliseconds was given. */
    MILLISECONDS("milliseconds", "Milliseconds"),
    /** Right when a field keeps a leading or trailing space, tab or line break. */
    WHITESPACE("whitespace", "Whitespace"),
    /** Right with a trailing slash added or removed, the other scheme, or the callback percent-encoded. */
    CALLBACK("callback", "Callback URL"),
    /** Right with the four parts joined in another order. */
    ORDER("order", "Order of the parts"),
    /** Right with another algorithm. */
    ALGORITHM("algorithm", "Algorithm"),
    /** Right when the secret is decoded from hex or base64 for the key, instead of taken as UTF-8 text. */
    KEY_ENCODING("key-encoding", "Key encoding"),
    /** Nothing above explains it. */
    UNEXPLAINED("unexplained", "Not explained");

    private final String code;
    private final String label;

    Cause(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The code in answers: {@code url-decoded}, {@code whitespace}, ... */
    public String code() {
        return code;
    }

    /** The cause in a word or two, as a heading: {@code Whitespace}, {@code Callback URL}. */
    public String label() {
        return label;
    }

    /** The cause with this code, if any: an answer of another version of the API may name one this one lacks. */
    public static Optional<Cause> ofCode(String code) {
        for (Cause cause : values()) {
            if (cause.code.equals(code)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}
