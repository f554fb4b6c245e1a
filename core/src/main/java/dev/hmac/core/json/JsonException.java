package dev.hmac.core.json;

/**
 * Malformed JSON. The message says where and what kind of fault, never quoting the input, so it is safe to
 * return to a client or log.
 */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        // Expected on bad input, so no stack trace to fill.
        super(message, null, false, false);
    }
}
