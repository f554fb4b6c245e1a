package dev.hmac.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import java.io.IOException;
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
final class FormRoute implements HttpHandler {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = formNames();
    private static final String HTML = "text/html; charset=utf-8";

    private final SigningBackend backend;

    FormRoute(SigningBackend backend) {
        this.backend = backend;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET":
            case "HEAD":
                // Query parameters are ignored on purpose: a secret must never travel in a URL.
                page(exchange, 200, FormView.empty());
                return;
            case "POST":
                submit(exchange);
                return;
            default:
                Map<String, String> headers = new LinkedHashMap<>(FormPage.HEADERS);
                headers.put("Allow", "GET, HEAD, POST");
                Exchanges.send(exchange, 405, HTML, FormPage.render(problem("This page takes GET and POST only.")), headers);
        }
    }

    private void submit(HttpExchange exchange) throws IOException {
        if (!"application/x-www-form-urlencoded".equals(Exchanges.mediaType(exchange))) {
            page(exchange, 415, problem("The form must be sent as application/x-www-form-urlencoded."));
            return;
        }
        byte[] body;
        try {
            body = Exchanges.readBody(exchange, MAX_BODY_BYTES);
        } catch (Exchanges.UnreadableBody e) {
            page(exchange, 400, problem("The form data was cut short. Please send the form again."));
            return;
        }
        if (body == null) {
            page(exchange, 413, problem("The form data is too large: at most 16 KiB."));
            return;
        }
        Map<String, String> form;
        try {
            form = FormData.parse(body, FIELDS);
        } catch (FormData.Malformed e) {
            page(exchange, 400, problem(e.getMessage()));
            return;
        }
        Map<Field, String> input = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            input.put(field, form.get(field.formName()));
        }
        SigningBackend.Outcome outcome = backend.sign(input);
        page(exchange, status(outcome), view(input, outcome));
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

    private static void page(HttpExchange exchange, int status, FormView view) throws IOException {
        Exchanges.send(exchange, status, HTML, FormPage.render(view), FormPage.HEADERS);
    }
}
