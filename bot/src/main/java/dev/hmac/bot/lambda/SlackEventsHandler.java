package dev.hmac.bot.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.slack.api.bolt.aws_lambda.request.ApiGatewayRequest;
import com.slack.api.bolt.aws_lambda.response.ApiGatewayResponse;
import dev.hmac.bot.BotConfig;
import dev.hmac.bot.SlackApp;
import dev.hmac.bot.SlackGate;
import dev.hmac.core.Failures;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack bot's Lambda handler, behind API Gateway's {@code POST /slack/events}.
 *
 * <p>A stream handler that binds the event itself: the runtime's reflective POJO binding is the largest part of
 * a cold start (and drops isBase64Encoded), and the modal must open within 3 seconds of {@code /hmac}. Every
 * request passes the {@link SlackGate} (size, signature, timestamp both ways) before Bolt parses it.
 */
public final class SlackEventsHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SlackEventsHandler.class);
    private static final int MAX_EVENT_BYTES = 12 * 1024 * 1024;

    private final SlackGate gate;
    private final BoltLambdaAdapter bolt;
    private final Priming priming;

    public SlackEventsHandler() {
        this(BotConfig.requiredFromEnvironment(LambdaSecrets.environment(System.getenv())), Clock.systemUTC());
        if (Priming.aheadOfTraffic(System.getenv())) {
            prime();
        }
    }

    SlackEventsHandler(BotConfig config, Clock clock) {
        this.gate = new SlackGate(config.signingSecret(), clock);
        this.bolt = new BoltLambdaAdapter(SlackApp.create(config));
        this.priming = new Priming(config.signingSecret(), clock);
    }

    /** Runs a signed {@code /hmac help} through the whole stack (see {@link Priming}); returns its status. */
    int prime() {
        long start = System.nanoTime();
        try {
            int status = handle(priming.helpEvent(), null).getStatusCode();
            LOG.info("Primed: /hmac help answered {} in {} ms", status, (System.nanoTime() - start) / 1_000_000);
            return status;
        } catch (RuntimeException e) {
            // Priming only saves time later: a failure must not fail the init.
            LOG.warn("Priming failed: {}", Failures.describe(e));
            return 500;
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiGatewayResponse response;
        try {
            response = handle(input.readNBytes(MAX_EVENT_BYTES), context);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure: {}", Failures.describe(e));
            response = reply(500, "{\"error\":\"internal error\"}");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("statusCode", response.getStatusCode());
        out.put("headers", response.getHeaders() == null ? Map.of() : response.getHeaders());
        out.put("body", response.getBody() == null ? "" : response.getBody());
        out.put("isBase64Encoded", false);
        output.write(Json.write(out).getBytes(StandardCharsets.UTF_8));
    }

    private ApiGatewayResponse handle(byte[] eventBytes, Context context) {
        ApiGatewayRequest request;
        try {
            Object event = Json.parse(eventBytes);
            request = event instanceof Map ? ApiGatewayEvents.read(cast(event)) : null;
        } catch (JsonException e) {
            request = null;
        } catch (ApiGatewayEvents.TooLarge e) {
            return reply(413, SlackGate.tooLarge().body());
        }
        if (request == null) {
            LOG.warn("Not an API Gateway event");
            return reply(400, "{\"error\":\"not an API Gateway event\"}");
        }
        Map<String, String> headers = lowerCase(request.getHeaders());
        Optional<SlackGate.Rejection> rejection = gate.check(request.getHttpMethod(),
                name -> headers.get(name.toLowerCase(Locale.ROOT)), request.getBody().getBytes(StandardCharsets.UTF_8));
        if (rejection.isPresent()) {
            return reply(rejection.get().status(), rejection.get().body());
        }
        return bolt.handleRequest(request, context);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object event) {
        return (Map<String, Object>) event;
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    private static ApiGatewayResponse reply(int status, String json) {
        return BoltLambdaAdapter.reply(status, json);
    }
}
