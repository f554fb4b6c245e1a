package dev.hmac.server;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hmac.bot.BoltDispatcher;
import dev.hmac.bot.SlackSignatureCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /slack/events}: the Slack app over HTTP, exactly as on Lambda (same signature check, same Bolt app). */
final class SlackRoute implements HttpHandler {
    private final SlackSignatureCheck check;
    private final BoltDispatcher dispatcher;

    SlackRoute(SlackSignatureCheck check, BoltDispatcher dispatcher) {
        this.check = check;
        this.dispatcher = dispatcher;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try {
            body = "POST".equals(exchange.getRequestMethod())
                    ? Exchanges.readBody(exchange, SlackSignatureCheck.MAX_BODY_BYTES) : new byte[0];
        } catch (Exchanges.UnreadableBody e) {
            send(exchange, 400, "{\"error\":\"unreadable request body\"}", Map.of());
            return;
        }
        if (body == null) {
            send(exchange, SlackSignatureCheck.tooLarge().status(), SlackSignatureCheck.tooLarge().body(), Map.of());
            return;
        }
        Optional<SlackSignatureCheck.Rejection> rejection = check.check(exchange.getRequestMethod(),
                name -> exchange.getRequestHeaders().getFirst(name), body);
        if (rejection.isPresent()) {
            send(exchange, rejection.get().status(), rejection.get().body(), Map.of());
            return;
        }
        Map<String, List<String>> headers = new HashMap<>(exchange.getRequestHeaders());
        Response response = dispatcher.dispatch(SlackRequestParser.HttpRequest.builder()
                .requestUri(exchange.getRequestURI().getPath())
                .queryString(Map.of())
                .headers(new RequestHeaders(headers))
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                .build());
        Map<String, String> responseHeaders = new HashMap<>();
        response.getHeaders().forEach((name, values) -> {
            if (!values.isEmpty() && !"Content-Type".equalsIgnoreCase(name)) {
                responseHeaders.put(name, values.get(0));
            }
        });
        String contentType = response.getContentType() != null ? response.getContentType() : "text/plain; charset=utf-8";
        String responseBody = response.getBody() == null ? "" : response.getBody();
        Exchanges.send(exchange, response.getStatusCode(), contentType, responseBody, responseHeaders);
    }

    private static void send(HttpExchange exchange, int status, String json, Map<String, String> headers) throws IOException {
        Exchanges.send(exchange, status, "application/json; charset=utf-8", json, headers);
    }
}
