package dev.hmac.core;

import java.util.Objects;

/** What is wrong with one input, in words a business analyst understands. Never holds the input itself. */
public record FieldError(Field field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
