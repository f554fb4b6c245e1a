package dev.hmac.bot.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.slack.api.bolt.App;
import com.slack.api.bolt.aws_lambda.SlackApiLambdaHandler;
import com.slack.api.bolt.aws_lambda.request.ApiGatewayRequest;
import com.slack.api.bolt.aws_lambda.response.ApiGatewayResponse;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.hmac.bot.BoltDispatcher;
import dev.hmac.bot.BotConfig;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.SlackApp;
import dev.hmac.core.testing.Canary;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.testing.RecordedAudit;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A listener that throws, with the client secret both in the request body and in the exception's message (as a
 * library quoting its input would): the Lambda path and the server's path answer a bare 500 and log the failure's
 * type and stack frames only. Nothing in the real jars makes a listener throw (every failure of the Web API is
 * caught and answered), so the failing collaborator is arranged here, and the function's log (JSON lines on
 * standard out, {@link LambdaLogProvider}) is captured.
 */
class ListenerFailureLogTest {
    private final Signer failingSigner = mock(Signer.class);
    private final App app;

    ListenerFailureLogTest() {
        when(failingSigner.sign(any())).thenAnswer(invocation -> {
            SignatureRequest request = invocation.getArgument(0);
            throw new IllegalStateException("cannot sign with key " + request.clientSecret());
        });
        BotConfig config = new BotConfig(SlackRequests.SIGNING_SECRET, SlackRequests.BOT_TOKEN,
                "http://127.0.0.1:9/api/", Optional.empty());
        app = SlackApp.create(config, failingSigner, new SlackWebApi(config.apiUrl(), Duration.ofMillis(200)),
                new RecordedAudit());
    }

    private static SlackRequests.Signed submission() {
        String body = SlackRequests.viewSubmission(
                SlackRequests.modalValues("https://a.example/cb", "client-id", Canary.SECRET, null),
                new PrivateMetadata("http://127.0.0.1:9/commands/1", "D0001").toJson());
        return SlackRequests.sign(body, SlackRequests.now());
    }

    private static ApiGatewayRequest apiGatewayRequest(SlackRequests.Signed signed) {
        ApiGatewayRequest request = new ApiGatewayRequest();
        request.setHttpMethod("POST");
        request.setPath("/slack/events");
        request.setHeaders(new HashMap<>(signed.headers()));
        request.setBody(signed.body());
        return request;
    }

    @Test
    void lambdaPath_answersABare500_andLogsNeitherTheBodyNorTheMessage() {
        BoltLambdaAdapter handler = new BoltLambdaAdapter(app);

        Captured<ApiGatewayResponse> result = capture(() -> handler.handleRequest(apiGatewayRequest(submission()), null));

        assertEquals(500, result.value.getStatusCode());
        Canary.assertAbsent("the response", result.value.getBody());
        Canary.assertAbsent("the log", result.output);
        assertTrue(result.output.contains("A listener failed: java.lang.IllegalStateException"), result.output);
    }

    @Test
    void serverPath_answersABare500_andLogsNeitherTheBodyNorTheMessage() {
        BoltDispatcher dispatcher = new BoltDispatcher(app);
        SlackRequests.Signed signed = submission();
        Map<String, List<String>> headers = new HashMap<>();
        signed.headers().forEach((name, value) -> headers.put(name, List.of(value)));

        Captured<Response> result = capture(() -> dispatcher.dispatch(SlackRequestParser.HttpRequest.builder()
                .requestUri("/slack/events").queryString(Map.of()).headers(new RequestHeaders(headers))
                .requestBody(signed.body()).remoteAddress("127.0.0.1").build(), "test-request"));

        assertEquals(500, result.value.getStatusCode());
        Canary.assertAbsent("the response", result.value.getBody());
        Canary.assertAbsent("the log", result.output);
        assertTrue(result.output.contains("A listener failed: java.lang.IllegalStateException"), result.output);
    }

    /** The control: bolt-aws-lambda's own handler logs the body and the message, which is why it is not used. */
    @Test
    void boltAwsLambdasOwnHandler_wouldLogTheSecret() {
        SlackApiLambdaHandler stock = new SlackApiLambdaHandler(app) {
            @Override
            protected boolean isWarmupRequest(ApiGatewayRequest request) {
                return false;
            }
        };

        Captured<ApiGatewayResponse> result = capture(() -> stock.handleRequest(apiGatewayRequest(submission()), null));

        assertEquals(500, result.value.getStatusCode());
        assertTrue(Canary.find(result.output).isPresent(), "the capture would see a leak: " + result.output);
    }

    private record Captured<T>(T value, String output) {
    }

    /** Runs {@code call} with standard out and standard error captured (the log looks System.out up per line). */
    private static <T> Captured<T> capture(Supplier<T> call) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            T value = call.get();
            both.flush();
            return new Captured<>(value, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
