package dev.hmac.core.verify;

/**
 * Why a signature does not match, as a stable code. In the order of specificity: when several causes explain a
 * signature together, the verdict lists them in this order.
 */
public enum Cause {
    /** Spaces where {@code +} belongs, or still percent-encoded: decoded or encoded once too often. */
    URL_DECODED("url-decoded"),
    /** The right MAC, written in another encoding (hex of either case, base64url, base64 without padding). */
    ENCODING("encoding"),
    /** Right for another timestamp within 24 hours of the one given. */
    TIMESTAMP("timestamp"),
    /** Made with a timestamp in milliseconds, or a timestamp in milliseconds was given. */
    MILLISECONDS("milliseconds"),
    /** Right when a field keeps a leading or trailing space, tab or line break. */
    WHITESPACE("whitespace"),
    /** Right with a trailing slash added or removed, the other scheme, or the callback percent-encoded. */
    CALLBACK("callback"),
    /** Right with the four parts joined in another order. */
    ORDER("order"),
    /** Right with another algorithm. */
    ALGORITHM("algorithm"),
    /** Right when the secret is decoded from hex or base64 for the key, instead of taken as UTF-8 text. */
    KEY_ENCODING("key-encoding"),
    /** Nothing above explains it. */
    UNEXPLAINED("unexplained");

    private final String code;

    Cause(String code) {
        this.code = code;
    }

    /** The code in answers: {@code url-decoded}, {@code whitespace}, ... */
    public String code() {
        return code;
    }
}
