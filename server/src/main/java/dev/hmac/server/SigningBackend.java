package dev.hmac.server;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.Signature;
import java.util.List;
import java.util.Map;

/**
 * Where the web form gets its signatures and its checks: in-process, or from the deployed REST API as the original
 * form did. Either way the form gets one of a few outcomes and renders it.
 */
interface SigningBackend {

    /**
     * @param input what was typed, by field (absent or blank when left empty): the inputs of a signature and the
     *     options; the secret is used only to sign
     * @param requestId the form's id of the request, sent on to a deployed API so that its audit line carries it too
     */
    Outcome sign(Map<Field, String> input, String requestId);

    /** @param input the same, and the signature to check */
    Outcome check(Map<Field, String> input, String requestId);

    /** A short description for the start-up banner. */
    String describe();

    /** A signature, a verdict, the fields at fault, or a problem that is not about one field. */
    sealed interface Outcome {
    }

    record Signed(Signature signature) implements Outcome {
    }

    record Checked(CheckResult result) implements Outcome {
    }

    /** @param errors at most one per field, never quoting what was typed */
    record Invalid(List<FieldError> errors) implements Outcome {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /**
     * @param status  the page's HTTP status
     * @param message for the person at the form; never quotes the secret
     */
    record Problem(int status, String message) implements Outcome {
    }

    /** Too much to do right now: a 503 whose page says when to try again, as {@code Retry-After} does. */
    record Busy(String message, int retryAfterSeconds) implements Outcome {
    }
}
