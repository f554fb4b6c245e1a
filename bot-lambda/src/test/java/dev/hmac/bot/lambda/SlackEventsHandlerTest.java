package dev.hmac.bot.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.slack.api.bolt.aws_lambda.request.ApiGatewayRequest;
import dev.hmac.bot.BotConfig;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.HostileSlackPayloads;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Lambda handler fed with API Gateway events, calling a fake Slack Web API on loopback. */
class SlackEventsHandlerTest {
    private static final String SECRET = "S6meLXlUY00YVML3";

    private FakeSlack slack;
    private SlackEventsHandler handler;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        handler = new SlackEventsHandler(slack.botConfig(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private Map<?, ?> invoke(String event) throws Exception {
        return invoke(event, null);
    }

    private Map<?, ?> invoke(String event, Context context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        return (Map<?, ?>) Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    private static int status(Map<?, ?> reply) {
        return ((Number) reply.get("statusCode")).intValue();
    }

    private String command(String text) {
        return SlackRequests.slashCommand(text, slack.responseUrl("1"), "1111.2222.trigger");
    }

    @ParameterizedTest(name = "base64 body: {0}")
    @ValueSource(booleans = {false, true})
    void signedCommand_opensTheModalWithOneSlackCall(boolean base64) throws Exception {
        Map<?, ?> reply = invoke(ProxyEvents.slackEvent(SlackRequests.sign(command(""), SlackRequests.now()), base64));

        assertEquals(200, status(reply));
        assertEquals(1, slack.calls().size(), slack.calls().toString());
        FakeSlack.Call open = slack.methodCalls("views.open").get(0);
        assertEquals("Bearer " + SlackRequests.BOT_TOKEN, open.header("Authorization"));
        Map<?, ?> body = (Map<?, ?>) Json.parse(open.body());
        assertEquals("1111.2222.trigger", body.get("trigger_id"));
        assertEquals("hmac_sign", ((Map<?, ?>) body.get("view")).get("callback_id"));
    }

    @ParameterizedTest(name = "base64 body: {0}")
    @ValueSource(booleans = {false, true})
    void signedSubmission_repliesEphemerallyThroughTheResponseUrl(boolean base64) throws Exception {
        String body = SlackRequests.viewSubmission(SlackRequests.vectorValues(),
                new PrivateMetadata(slack.responseUrl("42"), "D0001").toJson());

        Map<?, ?> reply = invoke(ProxyEvents.slackEvent(SlackRequests.sign(body, SlackRequests.now()), base64));

        assertEquals(200, status(reply));
        assertEquals("", reply.get("body"));
        List<FakeSlack.Call> posts = slack.responseUrlPosts();
        assertEquals(1, posts.size());
        Map<?, ?> message = (Map<?, ?>) Json.parse(posts.get(0).body());
        assertEquals("ephemeral", message.get("response_type"));
        assertTrue(posts.get(0).body().contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="));
        assertFalse(posts.get(0).body().contains(SECRET));
    }

    @Test
    void forgedStaleFutureAndUnsignedRequests_get401AndReachNoListener() throws Exception {
        long now = SlackRequests.now();
        String forged = ProxyEvents.slackEvent(SlackRequests.sign(command(""), now, "not-the-secret"), false);
        String stale = ProxyEvents.slackEvent(SlackRequests.sign(command(""), now - 600), false);
        String future = ProxyEvents.slackEvent(SlackRequests.sign(command(""), now + 600), false);
        String unsigned = ProxyEvents.event("POST", "/slack/events",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), command(""), false);

        for (String event : List.of(forged, stale, future, unsigned)) {
            assertEquals(401, status(invoke(event)));
        }
        assertTrue(slack.calls().isEmpty());
    }

    @Test
    void priming_answersHelpThroughTheWholeStack_withoutCallingSlack() {
        assertEquals(200, handler.prime());
        assertTrue(slack.calls().isEmpty(), slack.calls().toString());
    }

    @Test
    void primingTheHandshake_overPlainHttp_isSkipped_andCallsNothing() throws Exception {
        assertFalse(handler.primeHandshake(SSLContext.getDefault()));
        assertTrue(slack.calls().isEmpty(), slack.calls().toString());
    }

    @Test
    void primingTheHandshake_withSlacksHostUnreachable_failsQuietly_forTheInitToGoOn() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        SlackEventsHandler unreachable = new SlackEventsHandler(new BotConfig(SlackRequests.SIGNING_SECRET,
                SlackRequests.BOT_TOKEN, "https://127.0.0.1:" + closed + "/api/", Optional.empty()), Clock.systemUTC());

        assertFalse(unreachable.primeHandshake(SSLContext.getDefault()));
    }

    @Test
    void hugeBody_gets413BeforeAnyParsing() throws Exception {
        String big = "x".repeat(2 * 1024 * 1024);

        assertEquals(413, status(invoke(ProxyEvents.slackEvent(SlackRequests.sign(big, SlackRequests.now()), false))));
        assertEquals(413, status(invoke(ProxyEvents.slackEvent(SlackRequests.sign(big, SlackRequests.now()), true))));
    }

    static List<HostileSlackPayloads.Case> malformed() {
        return HostileSlackPayloads.malformed();
    }

    static List<HostileSlackPayloads.Case> unusual() {
        return HostileSlackPayloads.unusual();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void signedButMalformedPayloads_get4xxNever5xxNorAnEcho(HostileSlackPayloads.Case payload) throws Exception {
        for (boolean base64 : new boolean[] {false, true}) {
            Map<?, ?> reply = invoke(ProxyEvents.slackEvent(SlackRequests.sign(payload.body(), SlackRequests.now()), base64));

            int status = status(reply);
            assertTrue(status >= 400 && status < 500, payload + " -> " + status);
            assertFalse(Json.write(reply).contains(HostileSlackPayloads.CANARY));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusual")
    void signedUnusualPayloads_getAnAnswerNever5xxNorAnEcho(HostileSlackPayloads.Case payload) throws Exception {
        Map<?, ?> reply = invoke(ProxyEvents.slackEvent(SlackRequests.sign(payload.body(), SlackRequests.now()), false));

        assertEquals(200, status(reply), payload.toString());
        assertFalse(Json.write(reply).contains(HostileSlackPayloads.CANARY));
        slack.calls().forEach(call -> assertFalse(call.body().contains(HostileSlackPayloads.CANARY), call.path()));
    }

    @Test
    void base64BodyWithJunkInside_gets400AndReachesNothing() throws Exception {
        SlackRequests.Signed signed = SlackRequests.sign(command(""), SlackRequests.now());
        String encoded = Base64.getEncoder().encodeToString(signed.body().getBytes(StandardCharsets.UTF_8));
        String junk = encoded.substring(0, 8) + "!!" + encoded.substring(8);
        String event = ProxyEvents.slackEvent(signed, true).replace(encoded, junk);

        Map<?, ?> reply = invoke(event);

        assertEquals(400, status(reply));
        assertEquals("{\"error\":\"the body is not valid base64\"}", reply.get("body"));
        assertTrue(slack.calls().isEmpty());
    }

    /** An HTTP API (payload 2.0) event of a signed command; without "version", not an HTTP API event at all. */
    private static String httpApiEvent(SlackRequests.Signed signed, boolean withVersion) {
        Map<String, Object> event = new LinkedHashMap<>();
        if (withVersion) {
            event.put("version", "2.0");
        }
        event.put("routeKey", "POST /slack/events");
        event.put("rawPath", "/slack/events");
        Map<String, Object> headers = new LinkedHashMap<>();
        signed.headers().forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value));
        event.put("headers", headers);
        event.put("requestContext", Map.of("http", Map.of("method", "POST", "path", "/slack/events", "sourceIp", "3.80.0.1")));
        event.put("body", signed.body());
        event.put("isBase64Encoded", false);
        return Json.write(event);
    }

    @Test
    void httpApiEvent_needsVersion20() throws Exception {
        SlackRequests.Signed signed = SlackRequests.sign(command(""), SlackRequests.now());

        Map<?, ?> without = invoke(httpApiEvent(signed, false));
        assertEquals(400, status(without));
        assertEquals("{\"error\":\"not an API Gateway event\"}", without.get("body"));
        assertTrue(slack.calls().isEmpty());

        assertEquals(200, status(invoke(httpApiEvent(signed, true))));
        assertEquals(1, slack.methodCalls("views.open").size());
    }

    @Test
    void sizeLimit_countsTheBytesTheBase64BodyDecodesTo() throws Exception {
        // 150 KiB that are not UTF-8: under the limit as bytes, over it if first turned into text and back.
        byte[] body = new byte[150 * 1024];
        Arrays.fill(body, (byte) 0xFF);
        String timestamp = Long.toString(SlackRequests.now());
        String signature = new dev.hmac.bot.SlackSignatureCheck(SlackRequests.SIGNING_SECRET, Clock.systemUTC())
                .signature(timestamp, body);
        String event = ProxyEvents.slackEvent(new SlackRequests.Signed("BODY", timestamp, signature), true)
                .replace(Base64.getEncoder().encodeToString("BODY".getBytes(StandardCharsets.UTF_8)),
                        Base64.getEncoder().encodeToString(body));

        int status = status(invoke(event));

        assertEquals(400, status, "signed, within the limit, and not a payload Bolt reads");
    }

    @Test
    void logLines_areJsonWithTimestampLevelMessageAndTheRequestId() throws Exception {
        Context context = mock(Context.class);
        when(context.getAwsRequestId()).thenReturn("c0ffee-0001");
        String forged = ProxyEvents.slackEvent(SlackRequests.sign(command(""), SlackRequests.now(), "not-the-secret"), false);
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(401, status(invoke(forged, context)));
        } finally {
            System.setOut(out);
        }

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        Map<?, ?> line = (Map<?, ?>) Json.parse(lines.get(0));
        assertEquals("WARN", line.get("level"));
        assertEquals("Refused a Slack request: signature mismatch", line.get("message"));
        assertEquals("c0ffee-0001", line.get("requestId"));
        assertTrue(java.time.Instant.parse((String) line.get("timestamp")).isAfter(java.time.Instant.now().minusSeconds(60)));
    }

    @Test
    void configFromTheSecret_givesTheBotBothValues_andWithoutAnyNamesWhatIsMissing() throws Exception {
        try (dev.hmac.aws.testing.FakeSecretsExtension extension = new dev.hmac.aws.testing.FakeSecretsExtension()
                .slackSecret(SlackRequests.SIGNING_SECRET, SlackRequests.BOT_TOKEN)) {
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "AWS_SESSION_TOKEN", dev.hmac.aws.testing.FakeSecretsExtension.SESSION_TOKEN,
                    "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.port()),
                    SlackEventsHandler.SLACK_SECRET_ARN, dev.hmac.aws.testing.FakeSecretsExtension.SECRET_ARN));

            assertEquals(SlackRequests.BOT_TOKEN, SlackEventsHandler.config(env).botToken());
            assertEquals(SlackRequests.SIGNING_SECRET, SlackEventsHandler.config(env).signingSecret());

            env.remove(SlackEventsHandler.SLACK_SECRET_ARN);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> SlackEventsHandler.config(env));
            assertTrue(e.getMessage().contains("SLACK_SIGNING_SECRET"), e.getMessage());
        }
    }

    @Test
    void runtimeSerializer_dropsBoltsBase64Flag_whichIsWhyTheHandlerBindsEventsItself() throws Exception {
        String event = ProxyEvents.slackEvent(SlackRequests.sign(command(""), SlackRequests.now()), true);

        // The Lambda Java runtime deserializes POJO events with this Jackson configuration.
        ApiGatewayRequest bound = JacksonFactory.getInstance().getSerializer(ApiGatewayRequest.class)
                .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));

        assertFalse(bound.isBase64Encoded(), "if this starts binding, bolt-aws-lambda's own handler would work");
        assertEquals(200, status(invoke(event)));
    }

    // ---- what the handler answers before Bolt, as the local server does ----

    @Test
    void sslCheck_gets200_withoutASlackCall_signedOrNot() throws Exception {
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        Map<?, ?> unsigned = invoke(ProxyEvents.event("POST", "/slack/events", form, "ssl_check=1&token=legacy", false));
        Map<?, ?> signed = invoke(ProxyEvents.slackEvent(SlackRequests.sign("ssl_check=1&token=legacy", SlackRequests.now()), false));

        assertEquals(200, status(unsigned));
        assertEquals(200, status(signed));
        assertTrue(slack.calls().isEmpty(), slack.calls().toString());
    }

    @Test
    void replayedCommandAndSubmission_areAcknowledged_andDoNothingTwice() throws Exception {
        SlackRequests.Signed hmac = SlackRequests.sign(command(""), SlackRequests.now());
        SlackRequests.Signed submit = SlackRequests.sign(SlackRequests.viewSubmission(SlackRequests.vectorValues(),
                new PrivateMetadata(slack.responseUrl("1"), "D0001").toJson()), SlackRequests.now());

        for (int i = 0; i < 3; i++) {
            assertEquals(200, status(invoke(ProxyEvents.slackEvent(hmac, i == 2))));
            assertEquals(200, status(invoke(ProxyEvents.slackEvent(submit, false))));
        }

        assertEquals(1, slack.methodCalls("views.open").size(), "one modal");
        assertEquals(1, slack.responseUrlPosts().size(), "one reply");
    }

    @Test
    void signedRetry_isAcknowledged_withoutASlackCall() throws Exception {
        SlackRequests.Signed hmac = SlackRequests.sign(command(""), SlackRequests.now());
        Map<String, String> headers = new LinkedHashMap<>(hmac.headers());
        headers.put("X-Slack-Retry-Num", "1");
        headers.put("X-Slack-Retry-Reason", "http_timeout");

        assertEquals(200, status(invoke(ProxyEvents.event("POST", "/slack/events", headers, hmac.body(), false))));
        assertTrue(slack.calls().isEmpty(), slack.calls().toString());
    }

    @Test
    void foreignResponseUrl_getsNoPost_theResultShowsInTheModal() throws Exception {
        String metadata = new PrivateMetadata("https://evil.example/commands/T0001/1/x", "D0001").toJson();
        Map<?, ?> reply = invoke(ProxyEvents.slackEvent(SlackRequests.sign(
                SlackRequests.viewSubmission(SlackRequests.vectorValues(), metadata), SlackRequests.now()), false));

        assertEquals(200, status(reply));
        assertTrue(String.valueOf(reply.get("body")).contains("\"response_action\":\"update\""), reply.toString());
        assertTrue(slack.calls().isEmpty(), slack.calls().toString());
    }
}
