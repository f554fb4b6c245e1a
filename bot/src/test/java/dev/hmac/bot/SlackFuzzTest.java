package dev.hmac.bot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.testing.RecordedAudit;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import dev.hmac.core.verify.Verifier;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed bodies of any shape through what every Slack request passes, on Lambda and on the local server: the
 * {@link SlackSignatureCheck}, then the {@link BoltDispatcher} over the real app. Never an exception, never a 5xx, and the
 * canary typed as the client secret never comes back. Replays SlackFuzzTestInputs in every build; scripts/fuzz
 * fuzzes it.
 */
class SlackFuzzTest {
    private static final String CANARY = "CANARY-fuzz-slack-e5";
    private static final List<String> TYPES = List.of("view_submission", "view_closed", "block_actions", "shortcut",
            "message_action", "block_suggestion", "url_verification", "event_callback");
    private static final List<String> CALLBACK_IDS = List.of(Ids.SIGN_VIEW, Ids.VERIFY_VIEW, Ids.RESULT_VIEW, "other");
    private static final List<String> SHORTCUT_IDS = List.of(Ids.SIGN_SHORTCUT, Ids.VERIFY_SHORTCUT, "other", "");

    static {
        // One line per refused payload would cost most of the fuzzing time.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        System.setProperty("org.slf4j.simpleLogger.log.com.slack.api", "error");
    }

    /** A loopback port nobody listens on: views.open fails fast as a transport error, as when Slack is down. */
    private static final int UNREACHABLE_PORT = freePort();
    private static final String UNREACHABLE_API = "http://127.0.0.1:" + UNREACHABLE_PORT + "/api/";

    private static final SlackSignatureCheck GATE = new SlackSignatureCheck(SlackRequests.SIGNING_SECRET, Clock.systemUTC());
    /** A small budget: every cheap cause of a check, a little of the sweep, and many bodies a second. */
    private static final Verifier VERIFIER = new Verifier(Clock.systemUTC(), Duration.ofMillis(2));
    private static final BoltDispatcher DISPATCHER = new BoltDispatcher(SlackApp.create(
            new BotConfig(SlackRequests.SIGNING_SECRET, SlackRequests.BOT_TOKEN, UNREACHABLE_API, Optional.empty()),
            new Signer(), request -> Optional.of(VERIFIER.verify(request)), new OfflineWebApi(), new RecordedAudit()).start());

    @FuzzTest
    @DictionaryEntries({"payload=", "command=/hmac", "text=", "trigger_id=", "response_url=", "https://", "help",
            "verify", "\"view\"", "\"state\"", "\"values\"", "\"callback_id\"", "hmac_sign", "hmac_verify",
            "hmac_verify_shortcut", "\"shortcut\"", "\"private_metadata\"", CANARY})
    void signedBodies_neverGet5xxNorAnEcho(FuzzedDataProvider data) throws Exception {
        // views.open's one expected connection; any other would be a finding of Jazzer's SSRF detector.
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections(
                (host, port) -> port == UNREACHABLE_PORT && ("127.0.0.1".equals(host) || "localhost".equals(host)))) {
            dispatch(data);
        }
    }

    private static void dispatch(FuzzedDataProvider data) throws Exception {
        Body body = switch (data.consumeInt(0, 4)) {
            case 0 -> command(data);
            case 1 -> submission(data);
            case 2 -> new Body(bytes("payload=" + encode(data.consumeString(2000))), false);
            case 3 -> shortcut(data);
            default -> new Body(data.consumeRemainingAsBytes(), false);
        };
        String timestamp = Long.toString(SlackRequests.now());
        Map<String, String> headers = Map.of(
                SlackSignatureCheck.TIMESTAMP_HEADER, timestamp,
                SlackSignatureCheck.SIGNATURE_HEADER, sign(timestamp, body.bytes()),
                "Content-Type", "application/x-www-form-urlencoded");

        assertTrue(GATE.check("POST", headers::get, body.bytes()).isEmpty(), "a signed body was refused");
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        Response response = DISPATCHER.dispatch(SlackRequestParser.HttpRequest.builder()
                .requestUri("/slack/events")
                .queryString(Map.of())
                .headers(new RequestHeaders(multi))
                .requestBody(new String(body.bytes(), StandardCharsets.UTF_8))
                .remoteAddress("127.0.0.1")
                .build(), "fuzz");

        assertTrue(response.getStatusCode() < 500, () -> "status " + response.getStatusCode() + " for "
                + new String(body.bytes(), StandardCharsets.UTF_8));
        if (body.canaryOnlyAsSecret()) {
            assertFalse(String.valueOf(response.getBody()).contains(CANARY), "the secret came back");
        }
    }

    /** A body, and whether the canary is in it only as the client secret (so it must never come back). */
    private record Body(byte[] bytes, boolean canaryOnlyAsSecret) {
    }

    private static Body command(FuzzedDataProvider data) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team_id", "T0001");
        form.put("user_id", data.consumeString(12));
        form.put("command", data.consumeBoolean() ? Ids.COMMAND : data.consumeString(10));
        form.put("text", data.consumeString(500));
        form.put("response_url", data.consumeBoolean() ? "https://hooks.slack.com/commands/T0001/1/x" : data.consumeString(100));
        form.put("trigger_id", data.consumeString(30));
        if (data.consumeBoolean()) {
            form.remove(data.pickValue(List.copyOf(form.keySet())));
        }
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(encode(v)));
        return new Body(bytes(sb.toString()), false);
    }

    private static Body submission(FuzzedDataProvider data) {
        String callback = data.consumeString(200);
        String clientId = data.consumeString(100);
        String timestamp = data.consumeString(20);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("callback", input("callback", callback, data));
        values.put("clientid", input("clientid", clientId, data));
        values.put("clientsecret", input("clientsecret", CANARY + data.consumeString(100), data));
        values.put("timestamp", input("timestamp", timestamp, data));
        String signature = data.consumeString(100);
        values.put("signature", input("signature", signature, data));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", "V0001");
        view.put("type", "modal");
        view.put("callback_id", data.pickValue(CALLBACK_IDS));
        view.put("private_metadata", data.consumeBoolean()
                ? new PrivateMetadata(data.consumeBoolean() ? "https://hooks.slack.com/x" : data.consumeString(50), "C1").toJson()
                : data.consumeString(100));
        view.put("state", Map.of("values", values));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", data.consumeBoolean() ? "view_submission" : data.pickValue(TYPES));
        payload.put("team", Map.of("id", "T0001"));
        payload.put("user", Map.of("id", data.consumeString(12)));
        payload.put("view", view);
        if (data.consumeBoolean()) {
            payload.remove(data.pickValue(List.copyOf(payload.keySet())));
        }
        if (data.consumeBoolean()) {
            view.remove(data.pickValue(List.copyOf(view.keySet())));
        }
        boolean onlySecret = !(callback + clientId + timestamp + signature).contains(CANARY);
        return new Body(bytes("payload=" + encode(Json.write(payload))), onlySecret);
    }

    /** A global shortcut, of ours or not, sometimes without a field. */
    private static Body shortcut(FuzzedDataProvider data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "shortcut");
        payload.put("team", Map.of("id", "T0001"));
        payload.put("user", Map.of("id", data.consumeString(12)));
        payload.put("callback_id", data.consumeBoolean() ? data.pickValue(SHORTCUT_IDS) : data.consumeString(30));
        payload.put("trigger_id", data.consumeString(30));
        if (data.consumeBoolean()) {
            payload.remove(data.pickValue(List.copyOf(payload.keySet())));
        }
        return new Body(bytes("payload=" + encode(Json.write(payload))), false);
    }

    /** A plain_text_input's state, or sometimes a value of the wrong type. */
    private static Map<String, Object> input(String block, String value, FuzzedDataProvider data) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "plain_text_input");
        input.put("value", switch (data.consumeInt(0, 7)) {
            case 0 -> null;
            case 1 -> List.of(value);
            default -> value;
        });
        return Map.of(block + "_input", input);
    }

    private static String sign(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(bytes(SlackRequests.SIGNING_SECRET), "HmacSHA256"));
        mac.update(bytes("v0:" + timestamp + ":"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * views.open goes to the unreachable URL for real; response_url posts never leave the process, since the
     * fuzzer would aim them at any host it makes up. They succeed for Slack's own host, as a live URL does.
     */
    private static final class OfflineWebApi extends SlackWebApi {
        OfflineWebApi() {
            super(UNREACHABLE_API, Duration.ofMillis(500));
        }

        @Override
        public Result respond(String responseUrl, Map<String, Object> message) {
            Json.write(message);
            return responseUrl != null && responseUrl.startsWith("https://hooks.slack.com/")
                    ? new Result(true, null) : new Result(false, "offline");
        }
    }
}
