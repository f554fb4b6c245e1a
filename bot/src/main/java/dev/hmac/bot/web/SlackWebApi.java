package dev.hmac.bot.web;

import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.outbound.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The two Slack calls the bot makes: {@code views.open} and a post to a command's {@code response_url}.
 *
 * <p>Plain JDK HTTP ({@link HttpCall}) with hand-built JSON rather than the SDK's MethodsClient: on a cold Lambda
 * the SDK client loads Gson's reflective binding of the whole Block Kit model just to read {"ok":true}, and the
 * modal must open within the trigger_id's 3 seconds.
 */
public class SlackWebApi {
    private static final int MAX_REPLY_BYTES = 1024 * 1024;
    private static final String JSON = "application/json; charset=utf-8";

    private final String apiUrl;
    private final Duration timeout;

    /** @param apiUrl the Web API base ending in '/', such as https://slack.com/api/ */
    public SlackWebApi(String apiUrl, Duration timeout) {
        this.apiUrl = apiUrl;
        this.timeout = timeout;
    }

    /** The outcome of a Web API call: ok, or Slack's error code (or our own for transport failures). */
    public record Result(boolean ok, String error) {
        static Result success() {
            return new Result(true, null);
        }

        static Result failure(String error) {
            return new Result(false, error);
        }
    }

    /** Opens a modal; must happen within 3 seconds of the slash command. */
    public Result openView(String botToken, String triggerId, Map<String, Object> view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trigger_id", triggerId);
        body.put("view", view);
        try {
            HttpCall.Reply reply = call(URI.create(apiUrl + "views.open"))
                    .header("Authorization", "Bearer " + botToken)
                    .post(JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
            if (reply.status() != 200) {
                return Result.failure("http_" + reply.status());
            }
            Object parsed = Json.parse(reply.body());
            if (parsed instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) parsed).get("ok"))) {
                return Result.success();
            }
            Object error = parsed instanceof Map ? ((Map<?, ?>) parsed).get("error") : null;
            return Result.failure(error instanceof String ? (String) error : "unknown_error");
        } catch (IOException | IllegalArgumentException e) {
            return Result.failure("io_error");
        } catch (JsonException e) {
            return Result.failure("invalid_response");
        }
    }

    /**
     * Posts a message to a slash command's response_url: works in DMs, private channels and channels the bot
     * is not in, for 30 minutes after the command.
     */
    public Result respond(String responseUrl, Map<String, Object> message) {
        if (!isAllowed(responseUrl)) {
            return Result.failure("invalid_response_url");
        }
        try {
            HttpCall.Reply reply = call(URI.create(responseUrl)).post(JSON, Json.write(message).getBytes(StandardCharsets.UTF_8));
            return reply.status() / 100 == 2 ? Result.success() : Result.failure("http_" + reply.status());
        } catch (IOException | IllegalArgumentException e) {
            return Result.failure("io_error");
        }
    }

    /** HTTPS only, except when the Web API itself is plain HTTP (a local fake in tests). */
    private boolean isAllowed(String url) {
        if (url == null) {
            return false;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") && apiUrl.startsWith("http://");
    }

    private HttpCall call(URI uri) {
        return HttpCall.to(uri).timeouts(timeout, timeout).maxReplyBytes(MAX_REPLY_BYTES);
    }
}
