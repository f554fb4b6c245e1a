package dev.hmac.tests.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.PrivateMetadata;
import dev.hmac.core.testing.Canary;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import dev.hmac.tests.ServerProcess;
import dev.hmac.tests.lambda.LambdaProcess;
import dev.hmac.tests.lambda.RuntimeApiServer;
import dev.hmac.tests.lambda.RuntimeApiServer.Outcome;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack surface with a canary client secret, through the bot jar under the real Lambda runtime interface client
 * and through the server jar's {@code /slack/events}, both against the fake Slack Web API: signing and checking
 * (a match, mismatches, the secret typed as the signature), the shortcuts, Slack API errors, a dead response_url,
 * invalid input, malformed and forged payloads. Every answer, every call made to
 * Slack and every log line is searched for the canary.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SlackCanaryIT {
    private static final String SECRET = Canary.SECRET;
    private static final Duration ANSWER = Duration.ofSeconds(20);

    private FakeSlack slack;
    private final long firstSignedAt = SlackRequests.now();
    private int signedSoFar;

    /** Sends a request to the Slack endpoint under test; answers with the HTTP status and body. */
    private interface Endpoint {
        Reply send(SlackRequests.Signed request) throws Exception;
    }

    private record Reply(int status, String body) {
    }

    @BeforeEach
    void startSlack() throws Exception {
        slack = new FakeSlack();
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    private Map<String, String> slackEnvironment() {
        return Map.of("SLACK_SIGNING_SECRET", SlackRequests.SIGNING_SECRET, "SLACK_BOT_TOKEN", SlackRequests.BOT_TOKEN,
                "SLACK_API_URL", slack.apiUrl());
    }

    @Test
    void botLambda_underTheRuntimeClient_neverAnswersSendsOrLogsTheSecret(@TempDir Path taskRoot) throws Exception {
        LambdaProcess.Builder builder = LambdaProcess.builder("dev.hmac.bot.lambda.SlackEventsHandler::handleRequest")
                .taskRoot(LambdaProcess.unzip(Path.of(System.getProperty("hmac.botJar")), taskRoot));
        slackEnvironment().forEach(builder::env);
        try (RuntimeApiServer api = RuntimeApiServer.start();
             LambdaProcess lambda = builder.runtimeApi(api).start()) {
            int[] sent = {0};
            Endpoint endpoint = request -> {
                // Every other event with a base64 body, as API Gateway sends bodies of binary media types.
                Outcome outcome = api.enqueue(ProxyEvents.slackEvent(request, sent[0]++ % 2 == 1)).await(ANSWER);
                assertEquals(Outcome.Kind.RESPONSE, outcome.kind(), () -> outcome.body() + "\n" + lambda.output());
                Canary.assertAbsent("the Lambda's reply", outcome.body());
                Map<?, ?> reply = (Map<?, ?>) Json.parse(outcome.body());
                return new Reply(((Number) reply.get("statusCode")).intValue(), (String) reply.get("body"));
            };

            long start = Instant.now().getEpochSecond();
            everyPath(endpoint);

            lambda.close();
            String log = lambda.output();
            Canary.assertAbsent("the bot Lambda's log", log);
            assertTrue(log.contains("views.open failed: expired_trigger_id"), log);
            assertAudited("the bot Lambda", List.of(log.split("\n")), start);
        }
    }

    @Test
    void serverJar_slackEndpoint_neverAnswersSendsOrLogsTheSecret() throws Exception {
        ServerProcess server = ServerProcess.start(slackEnvironment());
        long start = Instant.now().getEpochSecond();
        try {
            URI events = server.uri().resolve("/slack/events");
            Endpoint endpoint = request -> {
                HttpResponse<String> response = Http.post(events, null, request.body(), request.headers());
                return new Reply(response.statusCode(), response.body());
            };

            everyPath(endpoint);
        } finally {
            List<String> log = server.stop();
            Canary.assertAbsent("the server's log", log);
            assertTrue(log.stream().anyMatch(line -> line.contains("views.open failed: expired_trigger_id")), log.toString());
            assertAudited("the server", log, start);
        }
    }

    /**
     * One audit line per submission that signs or checks, naming the Slack team and user, with none of the
     * signatures made; and the failures of views.open counted by Slack's error.
     */
    private static void assertAudited(String where, List<String> log, long start) {
        List<Map<?, ?>> audits = AuditLog.audits(log);
        List<String> outcomes = AuditLog.assertWellFormed(where, audits, "slack",
                AuditLog.canarySignatures(start, Instant.now().getEpochSecond()));
        // The signature, three verdicts, both in a modal, two at a dead response_url, four with odd metadata.
        assertEquals(12, AuditLog.done(outcomes), outcomes::toString);
        assertTrue(AuditLog.count(outcomes, "invalid") >= 9, outcomes::toString);
        for (Map<?, ?> audit : audits) {
            Map<?, ?> actor = (Map<?, ?>) audit.get("actor");
            assertTrue(actor.containsKey("team") && actor.containsKey("user"), where + ": " + audit);
        }
        for (String error : List.of("expired_trigger_id", "http_500", "invalid_response")) {
            assertTrue(log.stream().anyMatch(line -> line.contains("\"ViewsOpenFailures\":1")
                    && line.contains("\"Error\":\"" + error + "\"")), where + ": views.open's " + error + " counted");
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("\"ReplyFailures\":1")), where + ": the dead response_url");
    }

    private void everyPath(Endpoint endpoint) throws Exception {
        String responseUrl = slack.responseUrl("1");
        String metadata = new PrivateMetadata(responseUrl, "D0001").toJson();

        // Success: the command opens the modal, the submission is answered through the response_url.
        Reply opened = endpoint.send(signed(command("")));
        assertEquals(200, opened.status());
        assertEquals(1, slack.methodCalls("views.open").size());
        Reply answered = endpoint.send(signed(submission(values("https://a.example/cb", SECRET), metadata)));
        assertEquals(200, answered.status(), answered.body());
        assertEquals(1, slack.responseUrlPosts().size());
        assertTrue(slack.responseUrlPosts().get(0).body().contains("HMAC signature"), slack.calls().toString());

        // Checks: the command opens the form; a match and a mismatch are answered through the response_url.
        assertEquals(200, endpoint.send(signed(command("verify"))).status());
        assertEquals(2, slack.methodCalls("views.open").size());
        String timestamp = "1444762678";
        for (String signature : List.of(Canary.signature("https://a.example/cb", "client-id", timestamp),
                Canary.signature("https://a.example/cb", "client-id", "1444762679"), SECRET)) {
            Reply checked = endpoint.send(signed(check(checkValues(timestamp, signature), metadata)));
            assertEquals(200, checked.status(), checked.body());
        }
        List<FakeSlack.Call> verdicts = slack.responseUrlPosts().subList(1, 4);
        assertTrue(verdicts.get(0).body().contains("It matches."), verdicts.get(0).body());
        assertTrue(verdicts.get(1).body().contains("*Timestamp*"), verdicts.get(1).body());
        assertTrue(verdicts.get(2).body().contains("No match."), verdicts.get(2).body());

        // The shortcuts open the forms, whose results show in the modal: a shortcut has no response_url.
        for (String shortcut : List.of("hmac_sign_shortcut", "hmac_verify_shortcut")) {
            assertEquals(200, endpoint.send(signed(SlackRequests.globalShortcut(shortcut, "3333.4444.trigger"))).status());
        }
        String noResponseUrl = new PrivateMetadata(null, null).toJson();
        Reply signedInModal = endpoint.send(signed(submission(values("https://a.example/cb", SECRET), noResponseUrl)));
        Reply checkedInModal = endpoint.send(signed(check(checkValues(timestamp, SECRET), noResponseUrl)));
        assertTrue(signedInModal.body().contains("\"response_action\":\"update\""), signedInModal.body());
        assertTrue(checkedInModal.body().contains("\"response_action\":\"update\""), checkedInModal.body());
        assertTrue(checkedInModal.body().contains("No match."), checkedInModal.body());

        // The secret typed after the command: the usage, and no form.
        for (String text : List.of("https://a.example/cb client-id " + SECRET, "verify https://a.example/cb client-id " + SECRET)) {
            Reply pasted = endpoint.send(signed(command(text)));
            assertEquals(200, pasted.status());
            assertTrue(pasted.body().contains("If you typed the client secret"), pasted.body());
        }

        // Slack API errors.
        slack.reply("views.open", "{\"ok\":false,\"error\":\"expired_trigger_id\"}");
        assertTrue(endpoint.send(signed(command(""))).body().contains("expired_trigger_id"));
        slack.reply("views.open", 500, "<html><body>Internal Server Error</body></html>");
        assertTrue(endpoint.send(signed(command(""))).body().contains("http_500"));
        slack.reply("views.open", 200, "{\"ok\":tr");
        assertTrue(endpoint.send(signed(command(""))).body().contains("invalid_response"));
        slack.resetReplies();

        // A dead response_url (it expires after 30 minutes): the result is shown in the modal instead.
        slack.responseUrlStatus(404);
        Reply inModal = endpoint.send(signed(submission(values("https://a.example/cb", SECRET), metadata)));
        assertEquals(200, inModal.status());
        assertTrue(inModal.body().contains("\"response_action\":\"update\""), inModal.body());
        Reply checkInModal = endpoint.send(signed(check(checkValues(timestamp, "not a MAC"), metadata)));
        assertTrue(checkInModal.body().contains("\"response_action\":\"update\""), checkInModal.body());
        slack.resetReplies();

        // Metadata of another shape: no usable response_url, so the result is shown in the modal.
        for (String odd : List.of(SECRET, Json.write(Map.of("response_url", SECRET)), "{\"response_url\":[1]}",
                Json.write(Map.of("response_url", "http://127.0.0.1:1/" + SECRET)))) {
            Reply reply = endpoint.send(signed(submission(values("https://a.example/cb", SECRET), odd)));
            assertEquals(200, reply.status(), odd);
            assertTrue(reply.body().contains("\"response_action\":\"update\""), reply.body());
        }

        // Invalid input: the errors go back onto the modal's blocks.
        for (Map<String, String> invalid : List.of(values("a.example/cb", SECRET), values("https://a.example/cb",
                SECRET.repeat(12)), values("https://a.example/cb", SECRET + "\n" + SECRET),
                SlackRequests.modalValues("https://a.example/cb", "client-id", SECRET, "yesterday"))) {
            Reply errors = endpoint.send(signed(submission(invalid, metadata)));
            assertEquals(200, errors.status());
            assertTrue(errors.body().contains("\"response_action\":\"errors\""), errors.body());
        }
        for (Map<String, String> invalid : List.of(checkValues(timestamp, null), checkValues(timestamp, SECRET.repeat(60)),
                checkValues(timestamp, SECRET + "\n" + SECRET), checkValues(SECRET, SECRET),
                SlackRequests.checkValues("a.example/cb", "client-id", SECRET, timestamp, SECRET))) {
            Reply errors = endpoint.send(signed(check(invalid, metadata)));
            assertEquals(200, errors.status());
            assertTrue(errors.body().contains("\"response_action\":\"errors\""), errors.body());
        }

        // Signed but malformed or unexpected payloads.
        String valid = submission(values("https://a.example/cb", SECRET), metadata);
        String objectForText = valid.replace(encode("\"value\":\"" + SECRET + "\""),
                encode("\"value\":{\"typed\":\"" + SECRET + "\"}"));
        assertTrue(!objectForText.equals(valid), "the value was replaced by an object");
        for (String body : List.of(
                "payload=" + encode("{\"type\":\"view_submission\",\"view\":{\"state\":\"" + SECRET),
                "payload=" + encode(Json.write(Map.of("type", "mystery", "secret", SECRET))),
                "clientsecret=" + encode(SECRET) + "&hello=world",
                SlackRequests.viewSubmission("some_other_view", values("https://a.example/cb", SECRET), metadata),
                objectForText,
                check(checkValues("1444762678", SECRET), metadata).replace(encode("\"value\":\"" + SECRET + "\""),
                        encode("\"value\":[\"" + SECRET + "\"]")),
                "payload=" + encode(Json.write(Map.of("type", "shortcut", "callback_id", SECRET))),
                blockAction(SECRET))) {
            Reply reply = endpoint.send(signed(body));
            assertTrue(reply.status() < 500, reply.status() + " for " + body);
        }

        // Forged, stale and future requests never reach Bolt.
        long now = SlackRequests.now();
        for (SlackRequests.Signed refused : List.of(SlackRequests.sign(valid, now, "not-the-signing-secret"),
                SlackRequests.sign(valid, now - 600), SlackRequests.sign(valid, now + 600))) {
            assertEquals(401, endpoint.send(refused).status());
        }

        assertEquals(6, slack.responseUrlPosts().size(),
                "the signature, three verdicts, and the two attempts at the dead response_url");
        for (FakeSlack.Call call : slack.calls()) {
            Canary.assertAbsent("a call to Slack (" + call.path() + ")", call.body());
            call.headers().values().forEach(values -> Canary.assertAbsent("a header sent to Slack", values));
        }
    }

    /**
     * Each request signed a second before the one sent before it: byte-identical signed requests are a replay, which
     * the endpoint acknowledges without handling, and some paths here send the same body again.
     */
    private SlackRequests.Signed signed(String body) {
        return SlackRequests.sign(body, firstSignedAt - signedSoFar++);
    }

    private String command(String text) {
        return SlackRequests.slashCommand(text, slack.responseUrl("1"), "1111.2222.trigger");
    }

    /** A check of the canary's inputs: the signature given, for this timestamp. */
    private static Map<String, String> checkValues(String timestamp, String signature) {
        return SlackRequests.checkValues("https://a.example/cb", "client-id", SECRET, timestamp, signature);
    }

    private static String check(Map<String, String> values, String metadata) {
        return SlackRequests.checkSubmission(values, metadata);
    }

    private static Map<String, String> values(String callback, String secret) {
        return SlackRequests.modalValues(callback, "client-id", secret, null);
    }

    private static String submission(Map<String, String> values, String metadata) {
        return SlackRequests.viewSubmission(values, metadata);
    }

    /** A block_actions payload (the app has no action listener) carrying the secret as a typed value. */
    private static String blockAction(String typed) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "plain_text_input");
        action.put("action_id", "clientsecret_input");
        action.put("block_id", "clientsecret");
        action.put("value", typed);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("team", Map.of("id", "T0001", "domain", "example"));
        payload.put("user", Map.of("id", "U0001", "username", "analyst", "team_id", "T0001"));
        payload.put("api_app_id", "A0001");
        payload.put("token", "legacy-verification-token");
        payload.put("trigger_id", "1111.2222.trigger");
        payload.put("actions", List.of(action));
        return "payload=" + encode(Json.write(payload));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
