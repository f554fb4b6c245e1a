package dev.hmac.server;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.hmac.bot.BoltDispatcher;
import dev.hmac.bot.SlackSignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /slack/events}: the Slack app over HTTP, exactly as on Lambda (the same {@link SlackSignatureCheck},
 * ssl_check, retry and replay handling included, the same Bolt app).
 */
final class SlackRoute implements Route {
    private static final byte[] NO_BODY = new byte[0];

    private final SlackSignatureCheck check;
    private final BoltDispatcher dispatcher;

    SlackRoute(SlackSignatureCheck check, BoltDispatcher dispatcher) {
        this.check = check;
        this.dispatcher = dispatcher;
    }

    @Override
    public Answer answer(RequestHead head) {
        if ("POST".equals(head.method())) {
            return null;
        }
        return early(check.answerBeforeBolt(head.method(), head::header, NO_BODY).orElseThrow());
    }

    @Override
    public int maxBodyBytes() {
        return SlackSignatureCheck.MAX_BODY_BYTES;
    }

    @Override
    public Answer answer(RequestHead head, Body body) {
        if (!(body instanceof Body.Read read)) {
            switch ((Body.Refused) body) {
                case TOO_LARGE:
                    return early(SlackSignatureCheck.tooLarge());
                case TOO_SLOW:
                    return Answer.json(408, "{\"error\":\"request body too slow\"}");
                default:
                    return Answer.json(400, "{\"error\":\"unreadable request body\"}");
            }
        }
        Optional<SlackSignatureCheck.Answer> early = check.answerBeforeBolt(head.method(), head::header, read.bytes());
        if (early.isPresent()) {
            return early(early.get());
        }
        Response response = dispatcher.dispatch(SlackRequestParser.HttpRequest.builder()
                .requestUri(head.path())
                .queryString(Map.of())
                .headers(new RequestHeaders(head.headerMap()))
                .requestBody(new String(read.bytes(), StandardCharsets.UTF_8))
                .remoteAddress(head.remoteAddress())
                .build(), head.requestId());
        check.afterBolt(head::header, response.getStatusCode());
        Map<String, String> headers = new HashMap<>();
        response.getHeaders().forEach((name, values) -> {
            if (!values.isEmpty() && !"Content-Type".equalsIgnoreCase(name)) {
                headers.put(name, values.get(0));
            }
        });
        String contentType = response.getContentType() != null ? response.getContentType() : Answer.TEXT;
        return Answer.of(response.getStatusCode(), contentType, response.getBody() == null ? "" : response.getBody(),
                headers);
    }

    private static Answer early(SlackSignatureCheck.Answer answer) {
        return Answer.json(answer.status(), answer.body());
    }
}
