package dev.hmac.bot.web;

import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.outbound.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Slack calls the bot makes: {@code views.open} and a post to a command's {@code response_url}.
 *
 * <p>Plain JDK HTTP ({@link HttpCall}) with hand-built JSON rather than the SDK's MethodsClient: on a cold Lambda
 * the SDK client loads Gson's reflective binding of the whole Block Kit model just to read {"ok":true}, and the
 * modal must open within the trigger_id's 3 seconds. Each call has a total deadline, connect to last byte, so a
 * slow Slack costs at most that before the listener acks.
 */
public class SlackWebApi {
    /** Where Slack's response_urls point, in its commercial and its GovSlack clouds. */
    static final Set<String> RESPONSE_URL_HOSTS = Set.of("hooks.slack.com", "hooks.slack-gov.com");

    private static final Logger LOG = LoggerFactory.getLogger(SlackWebApi.class);
    private static final int MAX_REPLY_BYTES = 1024 * 1024;
    private static final String JSON = "application/json; charset=utf-8";

    private final String apiUrl;
    private final URI apiOrigin;
    private final Duration deadline;

    /**
     * @param apiUrl the Web API base ending in '/', such as https://slack.com/api/
     * @param deadline for each call, from the connect to the last byte of Slack's answer
     */
    public SlackWebApi(String apiUrl, Duration deadline) {
        this.apiUrl = apiUrl;
        this.apiOrigin = origin(apiUrl);
        this.deadline = deadline;
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
            return Result.failure(transportError(e));
        } catch (JsonException e) {
            return Result.failure("invalid_response");
        }
    }

    /**
     * Posts a message to a slash command's response_url: works in DMs, private channels and channels the bot
     * is not in, for 30 minutes after the command. Only to Slack: a URL elsewhere is refused, whatever the
     * (signed) request carried, because the message holds a signature.
     */
    public Result respond(String responseUrl, Map<String, Object> message) {
        URI uri = slackResponseUrl(responseUrl);
        if (uri == null) {
            LOG.warn("Refused to post to a response_url that is not Slack's");
            return Result.failure("foreign_response_url");
        }
        try {
            HttpCall.Reply reply = call(uri).post(JSON, Json.write(message).getBytes(StandardCharsets.UTF_8));
            return reply.status() / 100 == 2 ? Result.success() : Result.failure("http_" + reply.status());
        } catch (IOException | IllegalArgumentException e) {
            return Result.failure(transportError(e));
        }
    }

    /**
     * The URL when it is Slack's: HTTPS on one of its hooks hosts, or on the Web API's own origin (scheme, host and
     * port of {@code SLACK_API_URL}, which tests point at their fake); else null.
     */
    URI slackResponseUrl(String url) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null) {
            return null;
        }
        boolean hooks = scheme.equals("https") && RESPONSE_URL_HOSTS.contains(host)
                && (uri.getPort() == -1 || uri.getPort() == 443);
        boolean apiOwn = apiOrigin != null && scheme.equalsIgnoreCase(apiOrigin.getScheme())
                && host.equalsIgnoreCase(apiOrigin.getHost()) && uri.getPort() == apiOrigin.getPort();
        return hooks || apiOwn ? uri : null;
    }

    private static URI origin(String apiUrl) {
        try {
            URI uri = new URI(apiUrl);
            return uri.getHost() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null; // every call then fails as io_error, as it would have
        }
    }

    private HttpCall call(URI uri) {
        return HttpCall.to(uri).deadline(deadline).maxReplyBytes(MAX_REPLY_BYTES);
    }

    /** Our own error code for a call that failed before Slack answered it in full. */
    private static String transportError(Exception e) {
        return e instanceof HttpCall.DeadlineExceeded ? "timeout" : "io_error";
    }
}
