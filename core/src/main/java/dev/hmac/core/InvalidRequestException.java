package dev.hmac.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The inputs break one or more rules. The message is made only of the fixed texts of the errors, so it is
 * safe to log or show; it never quotes what was typed.
 */
public final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        // No stack trace: this is an expected outcome, not a bug, and is thrown on every bad request.
        super(errors.stream().map(FieldError::message).collect(Collectors.joining(" ")), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidRequestException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every broken rule, at most one per field, in the order of {@link Field}. */
    public List<FieldError> errors() {
        return errors;
    }
}
