package dev.hmac.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hmac.api.ApiResponse;
import dev.hmac.core.Field;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /} shows the form; {@code POST /} signs and shows the result or the errors inline. Field names are
 * the original form's: Callback, ClientID, ClientSecret (plus the optional Timestamp).
 */
final class FormRoute implements HttpHandler {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("Callback", "ClientID", "ClientSecret", "Timestamp");
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
        Map<String, Object> request = new LinkedHashMap<>();
        request.put(Field.CALLBACK.key(), form.get("Callback"));
        request.put(Field.CLIENT_ID.key(), form.get("ClientID"));
        request.put(Field.CLIENT_SECRET.key(), form.get("ClientSecret"));
        String timestamp = form.getOrDefault("Timestamp", "");
        if (!timestamp.isBlank()) {
            request.put(Field.TIMESTAMP.key(), timestamp);
        }
        ApiResponse response = backend.sign(request);
        page(exchange, response.status(), view(form, response));
    }

    /** Maps a REST contract answer to the page: a result, errors by field, or a general problem. */
    private static FormView view(Map<String, String> form, ApiResponse response) {
        String callback = form.getOrDefault("Callback", "");
        String clientId = form.getOrDefault("ClientID", "");
        String timestamp = form.getOrDefault("Timestamp", "");
        Map<?, ?> body;
        try {
            body = (Map<?, ?>) Json.parse(response.body());
        } catch (JsonException | ClassCastException e) {
            return new FormView(callback, clientId, timestamp, Map.of(), "Something went wrong. Please try again.", null);
        }
        if (response.status() == 200) {
            Map<String, String> result = new LinkedHashMap<>();
            for (String key : new String[] {"callback", "clientid", "timestamp", "signature"}) {
                result.put(key, String.valueOf(body.get(key)));
            }
            return new FormView(result.get("callback"), result.get("clientid"), "", Map.of(), null, result);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (body.get("errors") instanceof Map) {
            ((Map<?, ?>) body.get("errors")).forEach((field, message) -> {
                if (field instanceof String && message instanceof String) {
                    errors.put((String) field, (String) message);
                }
            });
        }
        String problem = errors.isEmpty() ? String.valueOf(body.get("error")) : null;
        return new FormView(callback, clientId, timestamp, errors, problem, null);
    }

    private static FormView problem(String message) {
        return new FormView("", "", "", Map.of(), message, null);
    }

    private static void page(HttpExchange exchange, int status, FormView view) throws IOException {
        Exchanges.send(exchange, status, HTML, FormPage.render(view), FormPage.HEADERS);
    }
}
