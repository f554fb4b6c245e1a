package dev.hmac.bot.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.slack.api.bolt.aws_lambda.response.ApiGatewayResponse;
import dev.hmac.aws.ApiGatewayEvent;
import dev.hmac.aws.LambdaLog;
import dev.hmac.aws.LambdaSecrets;
import dev.hmac.aws.ProxyResponse;
import dev.hmac.bot.BotConfig;
import dev.hmac.bot.SlackApp;
import dev.hmac.bot.SlackSignatureCheck;
import dev.hmac.core.FailureTrace;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack bot's Lambda handler, behind API Gateway's {@code POST /slack/events}.
 *
 * <p>A stream handler that binds the event itself ({@link ApiGatewayEvent}): the runtime's reflective POJO binding
 * is the largest part of a cold start (and drops isBase64Encoded), and the modal must open within 3 seconds of
 * {@code /hmac}. Every request passes the {@link SlackSignatureCheck} (size, signature, timestamp both ways,
 * ssl_check, retries and replays) before Bolt parses it.
 */
public final class SlackEventsHandler implements RequestStreamHandler {
    /** The Secrets Manager secret with the two Slack secrets, read at init for whichever is not set. */
    public static final String SLACK_SECRET_ARN = "SLACK_SECRET_ARN";

    private static final Logger LOG = LoggerFactory.getLogger(SlackEventsHandler.class);
    private static final int MAX_EVENT_BYTES = 12 * 1024 * 1024;
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8");

    private final SlackSignatureCheck check;
    private final BoltLambdaAdapter bolt;
    private final Priming priming;
    private final String apiUrl;

    public SlackEventsHandler() {
        this(config(System.getenv()), Clock.systemUTC());
        if (Priming.aheadOfTraffic(System.getenv())) {
            prime();
            primeHandshake();
        }
    }

    SlackEventsHandler(BotConfig config, Clock clock) {
        this.check = new SlackSignatureCheck(config.signingSecret(), clock);
        this.bolt = new BoltLambdaAdapter(SlackApp.create(config));
        this.priming = new Priming(config.signingSecret(), clock);
        this.apiUrl = config.apiUrl();
    }

    /** The bot's settings: the environment, with the Slack secrets from {@code SLACK_SECRET_ARN} where not set. */
    static BotConfig config(Map<String, String> env) {
        return BotConfig.requiredFromEnvironment(LambdaSecrets.environment(env, SLACK_SECRET_ARN,
                List.of(BotConfig.SLACK_SIGNING_SECRET, BotConfig.SLACK_BOT_TOKEN)));
    }

    /** Runs a signed {@code /hmac help} through the whole stack (see {@link Priming}); returns its status. */
    int prime() {
        long start = System.nanoTime();
        try {
            int status = handle(priming.helpEvent()).status();
            LOG.info("Primed: /hmac help answered {} in {} ms", status, (System.nanoTime() - start) / 1_000_000);
            return status;
        } catch (RuntimeException e) {
            // Priming only saves time later: a failure must not fail the init.
            LOG.warn("Priming failed: {}", FailureTrace.of(e));
            return 500;
        }
    }

    /** {@link #primeHandshake(SSLContext)} through what the Web API client's calls use: the JDK's default context. */
    boolean primeHandshake() {
        try {
            return primeHandshake(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            LOG.warn("Priming the TLS handshake failed: {}", FailureTrace.of(e));
            return false;
        }
    }

    /**
     * One TLS handshake with the Slack API's host through {@code tls}, and nothing kept (see {@link Priming});
     * returns whether it was made. A failure is logged and priming goes on: it only saves time later.
     */
    boolean primeHandshake(SSLContext tls) {
        long start = System.nanoTime();
        try {
            boolean made = Priming.handshake(apiUrl, tls);
            if (made) {
                LOG.info("Primed: a TLS handshake with the Slack API's host in {} ms, the connection closed and the"
                        + " session forgotten", (System.nanoTime() - start) / 1_000_000);
            }
            return made;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Priming the TLS handshake failed: {}", FailureTrace.of(e));
            return false;
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaLog.STANDARD_OUTPUT.requestId(context == null ? null : context.getAwsRequestId());
        Reply reply;
        try {
            reply = handle(input.readNBytes(MAX_EVENT_BYTES));
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure: {}", FailureTrace.of(e));
            reply = new Reply(500, JSON, "{\"error\":\"internal error\"}");
        } finally {
            LambdaLog.STANDARD_OUTPUT.requestId(null);
        }
        output.write(ProxyResponse.write(reply.status(), reply.headers(), reply.body()));
    }

    /** What goes back to API Gateway. */
    private record Reply(int status, Map<String, String> headers, String body) {
        static Reply of(ApiGatewayResponse response) {
            return new Reply(response.getStatusCode(), response.getHeaders(), response.getBody());
        }
    }

    private Reply handle(byte[] eventBytes) {
        Optional<ApiGatewayEvent> bound;
        try {
            Object event = Json.parse(eventBytes);
            bound = event instanceof Map ? ApiGatewayEvent.read(cast(event), SlackSignatureCheck.MAX_BODY_BYTES) : Optional.empty();
        } catch (JsonException e) {
            bound = Optional.empty();
        } catch (ApiGatewayEvent.Refused e) {
            LOG.warn("Refused an API Gateway event: {}", e.problem());
            return e.problem() == ApiGatewayEvent.Problem.BODY_TOO_LARGE
                    ? json(SlackSignatureCheck.tooLarge().status(), SlackSignatureCheck.tooLarge().body())
                    : json(400, "{\"error\":\"the body is not valid base64\"}");
        }
        if (bound.isEmpty()) {
            LOG.warn("Not an API Gateway event");
            return json(400, "{\"error\":\"not an API Gateway event\"}");
        }
        ApiGatewayEvent event = bound.get();
        Optional<SlackSignatureCheck.Answer> early = check.answerBeforeBolt(event.method(), event::header, event.body());
        if (early.isPresent()) {
            return json(early.get().status(), early.get().body());
        }
        Reply reply = Reply.of(bolt.handle(event));
        check.afterBolt(event::header, reply.status());
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object event) {
        return (Map<String, Object>) event;
    }

    private static Reply json(int status, String body) {
        return new Reply(status, JSON, body);
    }
}
