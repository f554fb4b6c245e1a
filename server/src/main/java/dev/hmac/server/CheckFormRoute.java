package dev.hmac.server;

import dev.hmac.core.Field;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /check} shows the form to check a signature; {@code POST /check} shows the verdict, what differs and
 * the string that is signed, or the errors inline. Its fields are the signing form's and Signature.
 */
final class CheckFormRoute extends FormRoute {
    static final String PATH = "/check";

    private final SigningBackend backend;

    CheckFormRoute(SigningBackend backend) {
        super(List.of(Field.values()));
        this.backend = backend;
    }

    @Override
    SigningBackend.Outcome submit(Map<Field, String> input) {
        return backend.check(input);
    }

    @Override
    String render(FormView view, SigningBackend.Outcome outcome) {
        return CheckPage.render(view, outcome instanceof SigningBackend.Checked checked ? checked.result() : null);
    }
}
