package dev.hmac.server;

import dev.hmac.core.Field;
import dev.hmac.core.Signature;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code GET /} shows the signing form; {@code POST /} signs and shows the signature, or the errors inline. Its
 * fields: Callback, ClientID, ClientSecret as in the original form, the optional Timestamp, Algorithm and Encoding.
 */
final class SigningFormRoute extends FormRoute {
    static final String PATH = "/";

    private final SigningBackend backend;

    SigningFormRoute(SigningBackend backend) {
        super(Field.signing());
        this.backend = backend;
    }

    @Override
    SigningBackend.Outcome submit(Map<Field, String> input) {
        return backend.sign(input);
    }

    @Override
    String render(FormView view, SigningBackend.Outcome outcome) {
        if (outcome instanceof SigningBackend.Signed signed) {
            // Ready for the next signature: the inputs as signed, the same options, the time left to "now".
            Signature signature = signed.signature();
            Map<Field, String> next = new EnumMap<>(Field.class);
            next.putAll(view.typed());
            next.put(Field.CALLBACK, signature.callback());
            next.put(Field.CLIENT_ID, signature.clientId());
            next.remove(Field.TIMESTAMP);
            return SigningPage.render(new FormView(next, Map.of(), null), signature);
        }
        return SigningPage.render(view, null);
    }
}
