package dev.hmac.server;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /} shows the form; {@code POST /} signs and shows the result or the errors inline. Field names are
 * the original form's (Callback, ClientID, ClientSecret, plus the optional Timestamp): {@link Field#formName()}.
 */
final class FormRoute implements Route {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = formNames();

    private final SigningBackend backend;

    FormRoute(SigningBackend backend) {
        this.backend = backend;
    }

    @Override
    public Answer answer(RequestHead head) {
        switch (head.method()) {
            case "GET":
            case "HEAD":
                // Query parameters are ignored on purpose: a secret must never travel in a URL.
                return page(200, FormView.empty());
            case "POST":
                if (!"application/x-www-form-urlencoded".equals(head.mediaType())) {
                    return page(415, problem("The form must be sent as application/x-www-form-urlencoded."));
                }
                return null;
            default:
                Map<String, String> headers = new LinkedHashMap<>(FormPage.HEADERS);
                headers.put("Allow", "GET, HEAD, POST");
                return Answer.of(405, Answer.HTML, FormPage.render(problem("This page takes GET and POST only.")), headers);
        }
    }

    @Override
    public int maxBodyBytes() {
        return MAX_BODY_BYTES;
    }

    @Override
    public Answer answer(RequestHead head, Body body) {
        if (!(body instanceof Body.Read read)) {
            switch ((Body.Refused) body) {
                case TOO_LARGE:
                    return page(413, problem("The form data is too large: at most 16 KiB."));
                case TOO_SLOW:
                    return page(408, problem("The form data arrived too slowly. Please send the form again."));
                default:
                    return page(400, problem("The form data was cut short. Please send the form again."));
            }
        }
        Map<String, String> form;
        try {
            form = FormData.parse(read.bytes(), FIELDS);
        } catch (FormData.Malformed e) {
            return page(400, problem(e.getMessage()));
        }
        Map<Field, String> input = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            input.put(field, form.get(field.formName()));
        }
        SigningBackend.Outcome outcome = backend.sign(input);
        return page(status(outcome), view(input, outcome));
    }

    private static int status(SigningBackend.Outcome outcome) {
        if (outcome instanceof SigningBackend.Problem problem) {
            return problem.status();
        }
        return outcome instanceof SigningBackend.Invalid ? 400 : 200;
    }

    /** What the page shows for an outcome: the result, errors by field, or a general problem; never the secret. */
    private static FormView view(Map<Field, String> input, SigningBackend.Outcome outcome) {
        String callback = orEmpty(input.get(Field.CALLBACK));
        String clientId = orEmpty(input.get(Field.CLIENT_ID));
        String timestamp = orEmpty(input.get(Field.TIMESTAMP));
        if (outcome instanceof SigningBackend.Signed signed) {
            Map<String, String> result = new LinkedHashMap<>();
            result.put("callback", signed.signature().callback());
            result.put("clientid", signed.signature().clientId());
            result.put("timestamp", signed.signature().timestamp());
            result.put("signature", signed.signature().signature());
            return new FormView(result.get("callback"), result.get("clientid"), "", Map.of(), null, result);
        }
        if (outcome instanceof SigningBackend.Invalid invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError error : invalid.errors()) {
                errors.put(error.field().key(), error.message());
            }
            return new FormView(callback, clientId, timestamp, errors, null, null);
        }
        return new FormView(callback, clientId, timestamp, Map.of(), ((SigningBackend.Problem) outcome).message(), null);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Set<String> formNames() {
        return Arrays.stream(Field.values()).map(Field::formName).collect(Collectors.toUnmodifiableSet());
    }

    private static FormView problem(String message) {
        return new FormView("", "", "", Map.of(), message, null);
    }

    private static Answer page(int status, FormView view) {
        return Answer.of(status, Answer.HTML, FormPage.render(view), FormPage.HEADERS);
    }
}
