package dev.hmac.bot.testing;

import dev.hmac.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bodies that pass the signature check (the caller signs them) but that no Slack client would send: bad JSON,
 * missing or mistyped fields, unknown ids. Every one must get a 4xx, never a 5xx, and none may be echoed.
 * Secrets in them are {@link #CANARY}, so a test can look for it in responses and logs.
 */
public final class HostileSlackPayloads {
    /** Typed as the client secret (or next to it); must never come back in a response or a log line. */
    public static final String CANARY = "CANARY-slack-3b9d71";

    private HostileSlackPayloads() {
    }

    /** A named body. */
    public record Case(String name, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Signed but malformed: each must be refused with a 4xx. */
    public static List<Case> malformed() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("payload is not JSON", "payload=%7Bnot%20json%20" + CANARY));
        cases.add(new Case("payload is empty", "payload="));
        cases.add(new Case("payload is null", payload("null")));
        cases.add(new Case("payload is an array", payload("[\"" + CANARY + "\"]")));
        cases.add(new Case("payload is a string", payload("\"" + CANARY + "\"")));
        cases.add(new Case("payload with a NUL byte", "payload=%7B%00%7D"));
        cases.add(new Case("payload of invalid UTF-8", "payload=%7B%22type%22%3A%22%C3%28%22%7D"));
        cases.add(new Case("unknown payload type", payload("{\"type\":\"mystery\",\"secret\":\"" + CANARY + "\"}")));
        cases.add(new Case("view_submission without a view", payload("{\"type\":\"view_submission\"}")));
        cases.add(new Case("view_submission from a user, without a view", submission(view -> { }, payload -> payload.remove("view"))));
        cases.add(new Case("view_closed without a view", submission(view -> { }, payload -> {
            payload.put("type", "view_closed");
            payload.remove("view");
        })));
        cases.add(new Case("view_closed of the signing modal", submission(view -> { }, payload -> payload.put("type", "view_closed"))));
        cases.add(new Case("block_actions without actions", submission(view -> { }, payload -> payload.put("type", "block_actions"))));
        cases.add(new Case("a shortcut without a callback id", payload("{\"type\":\"shortcut\",\"user\":{\"id\":\"U1\"},"
                + "\"team\":{\"id\":\"T1\"}}")));
        cases.add(new Case("view is an array", submission(view -> view.put("dummy", 0), payload -> payload.put("view", List.of()))));
        cases.add(new Case("view is a string", submission(view -> { }, payload -> payload.put("view", CANARY))));
        cases.add(new Case("unknown callback id", submission(view -> view.put("callback_id", "some_other_view"), p -> { })));
        cases.add(new Case("callback id is a number", submission(view -> view.put("callback_id", 42), p -> { })));
        cases.add(new Case("state.values is a string", submission(view -> view.put("state", Map.of("values", CANARY)), p -> { })));
        cases.add(new Case("state is a number", submission(view -> view.put("state", 7), p -> { })));
        cases.add(new Case("a block's value is an object", submission(view -> view.put("state", Map.of("values",
                Map.of("clientsecret", Map.of("clientsecret_input", Map.of("type", "plain_text_input",
                        "value", Map.of("nested", CANARY)))))), p -> { })));
        cases.add(new Case("user is missing", submission(view -> { }, payload -> payload.remove("user"))));
        cases.add(new Case("user is a string", submission(view -> { }, payload -> payload.put("user", CANARY))));
        cases.add(new Case("type is missing", submission(view -> { }, payload -> payload.remove("type"))));
        cases.add(new Case("not a Slack body at all", "hello=world&secret=" + CANARY));
        cases.add(new Case("empty body", ""));
        cases.add(new Case("a command other than /hmac", command(Map.of("command", "/other"))));
        cases.add(new Case("a command without a name", command(Map.of("command", ""))));
        cases.add(new Case("a shortcut of another app", shortcut("someone_elses_shortcut")));
        cases.add(new Case("a shortcut whose callback id is a number", payload("{\"type\":\"shortcut\",\"callback_id\":7,"
                + "\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\"T1\"}}")));
        cases.add(new Case("a message shortcut (the app has none)", payload("{\"type\":\"message_action\","
                + "\"callback_id\":\"hmac_sign_shortcut\",\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\"T1\"},"
                + "\"message\":{\"text\":\"" + CANARY + "\"}}")));
        cases.add(new Case("check: state.values is a string", check(view -> view.put("state", Map.of("values", CANARY)))));
        return cases;
    }

    /** Signed, unusual but well-formed: must be answered (2xx), never a 5xx. */
    public static List<Case> unusual() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("/hmac with the secret typed as text", command(Map.of("text",
                "https://example.com/cb my-client " + CANARY))));
        cases.add(new Case("/hmac with NUL and control characters", command(Map.of("text", "\u0000\u0001" + CANARY + "\t\r\n"))));
        cases.add(new Case("/hmac with a lone surrogate", command(Map.of("text", "https://a.example \ud800"))));
        cases.add(new Case("/hmac with 10^5 digits", command(Map.of("text", "9".repeat(100_000)))));
        cases.add(new Case("/hmac without trigger_id or response_url", command(Map.of("trigger_id", "", "response_url", ""))));
        cases.add(new Case("submission with the secret in every field", submission(view -> view.put("state", Map.of("values",
                values(CANARY, CANARY, CANARY, CANARY))), p -> { })));
        cases.add(new Case("submission with hostile values", submission(view -> view.put("state", Map.of("values",
                values("https://a.example/\u0000", "\ud800", CANARY + "\u0000", "1e999999999"))), p -> { })));
        cases.add(new Case("submission with 10^5-digit timestamp", submission(view -> view.put("state", Map.of("values",
                values("https://a.example/", "id", CANARY, "1".repeat(100_000)))), p -> { })));
        cases.add(new Case("submission without state", submission(view -> view.remove("state"), p -> { })));
        cases.add(new Case("private_metadata is not JSON", submission(view -> view.put("private_metadata", "{" + CANARY), p -> { })));
        cases.add(new Case("response_url is not a URL", submission(view -> view.put("private_metadata",
                "{\"response_url\":\"" + CANARY + "\"}"), p -> { })));
        cases.add(new Case("/hmac verify with the secret typed as text", command(Map.of("text",
                "verify https://example.com/cb my-client " + CANARY))));
        cases.add(new Case("/hmac with a callback that is no URL", command(Map.of("text", "example.com:8080/cb my-id"))));
        cases.add(new Case("a shortcut of ours", shortcut("hmac_verify_shortcut")));
        cases.add(new Case("a shortcut without a trigger_id", payload("{\"type\":\"shortcut\",\"callback_id\":"
                + "\"hmac_sign_shortcut\",\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\"T1\"}}")));
        cases.add(new Case("check with the secret in every field", check(view -> view.put("state", Map.of("values",
                checkValues(CANARY, CANARY, CANARY, CANARY, CANARY))))));
        cases.add(new Case("check with hostile values", check(view -> view.put("state", Map.of("values",
                checkValues("https://a.example/\u0000", "\ud800", CANARY + "\u0000", "1e999999999", "%00\ud800"))))));
        cases.add(new Case("check with a 10^5-character signature", check(view -> view.put("state", Map.of("values",
                checkValues("https://a.example/", "id", CANARY, "", "A".repeat(100_000)))))));
        cases.add(new Case("check with a timestamp in milliseconds and no signature", check(view -> view.put("state",
                Map.of("values", checkValues("https://a.example/", "id", CANARY, "1444762678000", null))))));
        cases.add(new Case("check without state", check(view -> view.remove("state"))));
        return cases;
    }

    private static String payload(String json) {
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> values(String callback, String clientId, String secret, String timestamp) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("callback", input("callback", callback));
        values.put("clientid", input("clientid", clientId));
        values.put("clientsecret", input("clientsecret", secret));
        values.put("timestamp", input("timestamp", timestamp));
        return values;
    }

    private static Map<String, Object> checkValues(String callback, String clientId, String secret, String timestamp,
                                                   String signature) {
        Map<String, Object> values = values(callback, clientId, secret, timestamp);
        values.put("signature", input("signature", signature));
        return values;
    }

    /** A view_submission of the "Check a signature" modal, edited. */
    private static String check(Edit viewEdit) {
        return submission(view -> {
            view.put("callback_id", "hmac_verify");
            view.put("state", Map.of("values", checkValues("https://apoorva.com", "client", CANARY, "1444762678",
                    "c2lnbmF0dXJl")));
            viewEdit.apply(view);
        }, p -> { });
    }

    private static String shortcut(String callbackId) {
        return payload("{\"type\":\"shortcut\",\"callback_id\":\"" + callbackId + "\",\"trigger_id\":\"1111.2222.trigger\","
                + "\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\"T1\"}}");
    }

    private static Map<String, Object> input(String block, String value) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("type", "plain_text_input");
        input.put("value", value);
        return Map.of(block + "_input", input);
    }

    private interface Edit {
        void apply(Map<String, Object> map);
    }

    /** A view_submission of the signing modal with the secret set to the canary, then edited. */
    private static String submission(Edit viewEdit, Edit payloadEdit) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", "V0001");
        view.put("type", "modal");
        view.put("callback_id", "hmac_sign");
        view.put("private_metadata", "{}");
        view.put("state", Map.of("values", values("https://apoorva.com", "client", CANARY, "1444762678")));
        viewEdit.apply(view);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "view_submission");
        payload.put("team", Map.of("id", "T0001", "domain", "example"));
        payload.put("user", Map.of("id", "U0001", "team_id", "T0001"));
        payload.put("api_app_id", "A0001");
        payload.put("trigger_id", "1111.2222.trigger");
        payload.put("view", view);
        payloadEdit.apply(payload);
        return payload(Json.write(payload));
    }

    /** A /hmac slash command with these fields replaced. */
    private static String command(Map<String, String> changes) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team_id", "T0001");
        form.put("channel_id", "D0001");
        form.put("user_id", "U0001");
        form.put("command", "/hmac");
        form.put("text", "");
        form.put("api_app_id", "A0001");
        form.put("response_url", "https://hooks.slack.com/commands/T0001/1/x");
        form.put("trigger_id", "1111.2222.trigger");
        form.putAll(changes);
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }
}
