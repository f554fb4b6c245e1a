package dev.hmac.bot.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.slack.api.bolt.aws_lambda.request.ApiGatewayRequest;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.HostileSlackPayloads;
import dev.hmac.bot.testing.ProxyEvents;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
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
    void runtimeSerializer_dropsBoltsBase64Flag_whichIsWhyTheHandlerBindsEventsItself() throws Exception {
        String event = ProxyEvents.slackEvent(SlackRequests.sign(command(""), SlackRequests.now()), true);

        // The Lambda Java runtime deserializes POJO events with this Jackson configuration.
        ApiGatewayRequest bound = JacksonFactory.getInstance().getSerializer(ApiGatewayRequest.class)
                .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));

        assertFalse(bound.isBase64Encoded(), "if this starts binding, bolt-aws-lambda's own handler would work");
        assertEquals(200, status(invoke(event)));
    }
}
