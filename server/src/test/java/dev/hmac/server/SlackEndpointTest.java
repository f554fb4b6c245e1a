package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.HostileSlackPayloads;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.WrongSignatures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Slack's requests, signed and form-encoded as Slack sends them, to the real local server on port 0. */
class SlackEndpointTest {
    private static final String SECRET = "S6meLXlUY00YVML3";

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeSlack slack;
    private HmacServer server;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        server = HmacServer.start(ServerConfig.defaults().withPort(0).withSlack(slack.botConfig()));
    }

    @AfterEach
    void stop() {
        server.close();
        slack.close();
    }

    private HttpResponse<String> post(SlackRequests.Signed request) throws Exception {
        return post(request.body(), request.headers());
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri().resolve("/slack/events"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String command(String text) {
        return SlackRequests.slashCommand(text, slack.responseUrl("7"), "1111.2222.trigger");
    }

    @Test
    void hmac_opensTheModalWithExactlyOneSlackCall() throws Exception {
        long sent = System.nanoTime();
        HttpResponse<String> response = post(SlackRequests.sign(command(""), SlackRequests.now()));

        assertEquals(200, response.statusCode());
        assertEquals(1, slack.calls().size(), slack.calls().toString());
        FakeSlack.Call open = slack.methodCalls("views.open").get(0);
        assertTrue(open.nanoTime() > sent);
        assertEquals("Bearer " + SlackRequests.BOT_TOKEN, open.header("Authorization"));
        Map<?, ?> view = (Map<?, ?>) ((Map<?, ?>) Json.parse(open.body())).get("view");
        assertEquals("hmac_sign", view.get("callback_id"));
        assertEquals(slack.responseUrl("7"), PrivateMetadata.parse((String) view.get("private_metadata")).responseUrl());
    }

    @Test
    void help_answersPrivatelyWithoutSlackCalls() throws Exception {
        HttpResponse<String> response = post(SlackRequests.sign(command("help"), SlackRequests.now()));

        assertEquals(200, response.statusCode());
        assertTrue(((String) ((Map<?, ?>) Json.parse(response.body())).get("text")).contains("/hmac help"));
        assertTrue(slack.calls().isEmpty());
    }

    @Test
    void submission_repliesEphemerallyThroughTheResponseUrlWithACorrectSignature() throws Exception {
        String body = SlackRequests.viewSubmission(SlackRequests.vectorValues(), new PrivateMetadata(slack.responseUrl("7"), "C0001").toJson());

        HttpResponse<String> response = post(SlackRequests.sign(body, SlackRequests.now()));

        assertEquals(200, response.statusCode());
        List<FakeSlack.Call> posts = slack.responseUrlPosts();
        assertEquals(1, posts.size());
        Map<?, ?> message = (Map<?, ?>) Json.parse(posts.get(0).body());
        assertEquals("ephemeral", message.get("response_type"));
        assertTrue(posts.get(0).body().contains("```WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=```"));
        assertFalse(posts.get(0).body().contains(SECRET));
        assertFalse(response.body().contains(SECRET));
    }

    @Test
    void expiredResponseUrl_showsTheResultInTheModal() throws Exception {
        slack.responseUrlStatus(404);
        String body = SlackRequests.viewSubmission(SlackRequests.vectorValues(), new PrivateMetadata(slack.responseUrl("7"), "C0001").toJson());

        HttpResponse<String> response = post(SlackRequests.sign(body, SlackRequests.now()));

        Map<?, ?> ack = (Map<?, ?>) Json.parse(response.body());
        assertEquals("update", ack.get("response_action"));
        assertTrue(Json.write(ack).contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="));
        assertFalse(Json.write(ack).contains(SECRET));
    }

    @Test
    void badFields_comeBackAsModalErrors() throws Exception {
        String body = SlackRequests.viewSubmission(SlackRequests.modalValues("apoorva.com", "", SECRET, "-1"),
                new PrivateMetadata(slack.responseUrl("7"), "C0001").toJson());

        HttpResponse<String> response = post(SlackRequests.sign(body, SlackRequests.now()));

        Map<?, ?> ack = (Map<?, ?>) Json.parse(response.body());
        assertEquals("errors", ack.get("response_action"));
        assertEquals(List.of("callback", "clientid", "timestamp"), List.copyOf(((Map<?, ?>) ack.get("errors")).keySet()));
        assertTrue(slack.calls().isEmpty());
    }

    @Test
    void checkSubmissions_answerAMatchAndAMismatchPrivately_sayingWhatDiffers() throws Exception {
        String metadata = new PrivateMetadata(slack.responseUrl("7"), "C0001").toJson();
        WrongSignatures.Case later = WrongSignatures.oneForEachCause().stream()
                .filter(c -> c.causes().equals(List.of("timestamp"))).findFirst().orElseThrow();

        assertEquals(200, post(SlackRequests.sign(SlackRequests.checkSubmission(SlackRequests.vectorCheckValues(), metadata),
                SlackRequests.now())).statusCode());
        assertEquals(200, post(SlackRequests.sign(SlackRequests.checkSubmission(later.texts(), metadata),
                SlackRequests.now())).statusCode());

        List<FakeSlack.Call> posts = slack.responseUrlPosts();
        assertEquals(2, posts.size());
        assertTrue(posts.get(0).body().contains("It matches."), posts.get(0).body());
        assertTrue(posts.get(1).body().contains("No match."), posts.get(1).body());
        assertTrue(posts.get(1).body().contains("*Timestamp*\\nThe signature is right for timestamp 1444762978"),
                posts.get(1).body());
        posts.forEach(post -> assertFalse(post.body().contains(SECRET)));
    }

    @Test
    void shortcuts_openTheirModals_andTheResultShowsInTheModal() throws Exception {
        for (String shortcut : List.of("hmac_sign_shortcut", "hmac_verify_shortcut")) {
            assertEquals(200, post(SlackRequests.sign(SlackRequests.globalShortcut(shortcut, "9.9.9"),
                    SlackRequests.now())).statusCode());
        }
        List<FakeSlack.Call> opened = slack.methodCalls("views.open");
        Map<?, ?> check = (Map<?, ?>) ((Map<?, ?>) Json.parse(opened.get(1).body())).get("view");
        HttpResponse<String> answered = post(SlackRequests.sign(SlackRequests.checkSubmission(
                SlackRequests.vectorCheckValues(), (String) check.get("private_metadata")), SlackRequests.now()));

        assertEquals("hmac_sign", ((Map<?, ?>) ((Map<?, ?>) Json.parse(opened.get(0).body())).get("view")).get("callback_id"));
        assertEquals("hmac_verify", check.get("callback_id"));
        Map<?, ?> ack = (Map<?, ?>) Json.parse(answered.body());
        assertEquals("update", ack.get("response_action"));
        assertTrue(Json.write(ack).contains("It matches."));
        assertTrue(slack.responseUrlPosts().isEmpty());
    }

    @Test
    void forgedStaleFutureAndUnsignedRequests_get401() throws Exception {
        long now = SlackRequests.now();
        SlackRequests.Signed good = SlackRequests.sign(command(""), now);

        assertEquals(401, post(SlackRequests.sign(command(""), now, "wrong-secret")).statusCode());
        assertEquals(401, post(SlackRequests.sign(command(""), now - 301)).statusCode());
        assertEquals(401, post(SlackRequests.sign(command(""), now + 301)).statusCode());
        assertEquals(401, post(new SlackRequests.Signed(command(""), good.timestamp(), "v0=" + "0".repeat(64))).statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(server.uri().resolve("/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(command(""))).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        assertTrue(slack.calls().isEmpty());
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
        HttpResponse<String> response = post(SlackRequests.sign(payload.body(), SlackRequests.now()));

        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, payload + " -> " + response.statusCode());
        assertFalse(response.body().contains(HostileSlackPayloads.CANARY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusual")
    void signedUnusualPayloads_getAnAnswerNever5xxNorAnEcho(HostileSlackPayloads.Case payload) throws Exception {
        HttpResponse<String> response = post(SlackRequests.sign(payload.body(), SlackRequests.now()));

        assertEquals(200, response.statusCode(), payload.toString());
        assertFalse(response.body().contains(HostileSlackPayloads.CANARY));
        slack.calls().forEach(call -> assertFalse(call.body().contains(HostileSlackPayloads.CANARY), call.path()));
    }

    @Test
    void twoMebibyteBody_gets413() throws Exception {
        HttpResponse<String> response = post(SlackRequests.sign("x".repeat(2 * 1024 * 1024), SlackRequests.now()));

        assertEquals(413, response.statusCode());
    }

    @Test
    void withoutSlackSettings_theEndpointDoesNotExist() throws Exception {
        try (HmacServer plain = HmacServer.start(ServerConfig.defaults().withPort(0))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(plain.uri().resolve("/slack/events"))
                    .POST(HttpRequest.BodyPublishers.ofString(command(""))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode());
        }
    }

    // ---- what the endpoint answers before Bolt ----

    @Test
    void sslCheck_gets200_withNoSlackCall_signedOrNot() throws Exception {
        HttpResponse<String> unsigned = post("ssl_check=1&token=legacy-verification-token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        HttpResponse<String> signed = post(SlackRequests.sign("ssl_check=1&token=legacy-verification-token", SlackRequests.now()));

        assertEquals(200, unsigned.statusCode());
        assertEquals(200, signed.statusCode());
        assertEquals("", unsigned.body());
        assertTrue(slack.calls().isEmpty(), slack.calls().toString());
    }

    @Test
    void sameSignedHmacThreeTimes_oneWithARetryHeader_opensOneModal() throws Exception {
        SlackRequests.Signed hmac = SlackRequests.sign(command(""), SlackRequests.now());
        Map<String, String> retry = new LinkedHashMap<>(hmac.headers());
        retry.put("X-Slack-Retry-Num", "1");

        assertEquals(200, post(hmac).statusCode());
        assertEquals(200, post(hmac.body(), retry).statusCode());
        HttpResponse<String> replay = post(hmac);

        assertEquals(200, replay.statusCode());
        assertEquals("", replay.body());
        assertEquals(1, slack.methodCalls("views.open").size(), slack.calls().toString());
    }

    @Test
    void replayedSubmission_postsOneReply() throws Exception {
        SlackRequests.Signed submit = SlackRequests.sign(SlackRequests.viewSubmission(SlackRequests.vectorValues(),
                new PrivateMetadata(slack.responseUrl("7"), "C0001").toJson()), SlackRequests.now());

        assertEquals(200, post(submit).statusCode());
        assertEquals(200, post(submit).statusCode());

        assertEquals(1, slack.responseUrlPosts().size());
    }

    @Test
    void sameViewResubmittedWithFixedValues_goesThrough() throws Exception {
        String metadata = new PrivateMetadata(slack.responseUrl("7"), "C0001").toJson();
        long now = SlackRequests.now();
        // Same view id and hash both times, as Slack sends them; only the values differ.
        HttpResponse<String> refused = post(SlackRequests.sign(SlackRequests.viewSubmission(
                SlackRequests.modalValues("apoorva.com", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", SECRET, "1444762678"), metadata), now));
        HttpResponse<String> fixed = post(SlackRequests.sign(SlackRequests.viewSubmission(SlackRequests.vectorValues(), metadata), now));

        assertEquals("errors", ((Map<?, ?>) Json.parse(refused.body())).get("response_action"));
        assertEquals(200, fixed.statusCode());
        assertEquals(1, slack.responseUrlPosts().size());
    }

    @Test
    void foreignResponseUrl_isRefusedAndLogged_theResultShowsInTheModal() throws Exception {
        String metadata = new PrivateMetadata("https://hooks.slack.com.evil.example/commands/T0001/7", "C0001").toJson();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = System.out;
        HttpResponse<String> response;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            response = post(SlackRequests.sign(SlackRequests.viewSubmission(SlackRequests.vectorValues(), metadata),
                    SlackRequests.now()));
        } finally {
            System.setOut(out);
        }

        Map<?, ?> ack = (Map<?, ?>) Json.parse(response.body());
        assertEquals("update", ack.get("response_action"));
        assertTrue(Json.write(ack).contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="));
        assertTrue(slack.calls().isEmpty(), slack.calls().toString());
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("Refused to post to a response_url that is not Slack's"), logged);
        assertFalse(logged.contains("evil.example"), logged);
    }
}
