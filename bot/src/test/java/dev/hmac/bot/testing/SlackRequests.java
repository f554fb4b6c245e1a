package dev.hmac.bot.testing;

import dev.hmac.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Requests as Slack sends them: form-encoded bodies with a v0 signature. */
public final class SlackRequests {
    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    public static final String BOT_TOKEN = "xoxb-0000-test-token";

    private SlackRequests() {
    }

    /** A signed request: the body and the two headers Slack adds. */
    public record Signed(String body, String timestamp, String signature) {
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            headers.put("X-Slack-Request-Timestamp", timestamp);
            headers.put("X-Slack-Signature", signature);
            return headers;
        }
    }

    public static String slashCommand(String text, String responseUrl, String triggerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", "T0001");
        form.put("team_domain", "example");
        form.put("channel_id", "D0001");
        form.put("channel_name", "directmessage");
        form.put("user_id", "U0001");
        form.put("user_name", "analyst");
        form.put("command", "/hmac");
        form.put("text", text);
        form.put("api_app_id", "A0001");
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId);
        return formEncode(form);
    }

    /** The modal's values by block id; null ones are left out. */
    public static Map<String, String> modalValues(String callback, String clientId, String secret, String timestamp) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("callback", callback);
        values.put("clientid", clientId);
        values.put("clientsecret", secret);
        if (timestamp != null) {
            values.put("timestamp", timestamp);
        }
        return values;
    }

    /** The original vector, as typed into the modal. */
    public static Map<String, String> vectorValues() {
        return modalValues("https://apoorva.com", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "S6meLXlUY00YVML3", "1444762678");
    }

    /** The "Check a signature" modal's values by block id; null ones are left out. */
    public static Map<String, String> checkValues(String callback, String clientId, String secret, String timestamp,
                                                  String signature) {
        Map<String, String> values = modalValues(callback, clientId, secret, timestamp);
        if (signature != null) {
            values.put("signature", signature);
        }
        return values;
    }

    /** The vector checked with its own signature: a match. */
    public static Map<String, String> vectorCheckValues() {
        return checkValues("https://apoorva.com", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "S6meLXlUY00YVML3", "1444762678",
                "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=");
    }

    /** A view_submission of the "Check a signature" modal. */
    public static String checkSubmission(Map<String, String> valuesByBlock, String privateMetadata) {
        return viewSubmission("hmac_verify", valuesByBlock, privateMetadata);
    }

    /** A global shortcut, as Slack sends one from the message box's menu: no response_url. */
    public static String globalShortcut(String callbackId, String triggerId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "shortcut");
        payload.put("token", "legacy-verification-token");
        payload.put("action_ts", "1700000000.000001");
        payload.put("team", Map.of("id", "T0001", "domain", "example"));
        payload.put("user", Map.of("id", "U0001", "username", "analyst", "team_id", "T0001"));
        payload.put("is_enterprise_install", false);
        payload.put("callback_id", callbackId);
        payload.put("trigger_id", triggerId);
        return "payload=" + URLEncoder.encode(Json.write(payload), StandardCharsets.UTF_8);
    }

    /** The JSON payload of a view_submission, as Socket Mode carries it (not form-encoded). */
    public static Object viewSubmissionPayload(Map<String, String> valuesByBlock, String privateMetadata) {
        String form = viewSubmission(valuesByBlock, privateMetadata);
        try {
            return Json.parse(java.net.URLDecoder.decode(form.substring("payload=".length()), StandardCharsets.UTF_8));
        } catch (dev.hmac.core.json.JsonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A view_submission of the signing modal with these values by block id (null values are left empty). */
    public static String viewSubmission(Map<String, String> valuesByBlock, String privateMetadata) {
        return viewSubmission("hmac_sign", valuesByBlock, privateMetadata);
    }

    public static String viewSubmission(String callbackId, Map<String, String> valuesByBlock, String privateMetadata) {
        Map<String, Object> values = new LinkedHashMap<>();
        valuesByBlock.forEach((block, value) -> {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("type", "plain_text_input");
            input.put("value", value);
            values.put(block, Map.of(block + "_input", input));
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", "V0001");
        view.put("team_id", "T0001");
        view.put("type", "modal");
        view.put("callback_id", callbackId);
        view.put("private_metadata", privateMetadata);
        view.put("blocks", List.of());
        view.put("state", Map.of("values", values));
        view.put("hash", "1700000000.abcdef");
        view.put("app_id", "A0001");
        view.put("bot_id", "B0001");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "view_submission");
        payload.put("team", Map.of("id", "T0001", "domain", "example"));
        payload.put("user", Map.of("id", "U0001", "username", "analyst", "name", "analyst", "team_id", "T0001"));
        payload.put("api_app_id", "A0001");
        payload.put("token", "legacy-verification-token");
        payload.put("trigger_id", "1111.2222.trigger");
        payload.put("view", view);
        payload.put("response_urls", List.of());
        return "payload=" + URLEncoder.encode(Json.write(payload), StandardCharsets.UTF_8);
    }

    public static Signed sign(String body, long epochSeconds) {
        return sign(body, epochSeconds, SIGNING_SECRET);
    }

    public static Signed sign(String body, long epochSeconds, String secret) {
        String timestamp = Long.toString(epochSeconds);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return new Signed(body, timestamp, "v0=" + HexFormat.of().formatHex(digest));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String formEncode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }
}
