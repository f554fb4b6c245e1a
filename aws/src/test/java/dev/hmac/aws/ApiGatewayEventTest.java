package dev.hmac.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One binder, one set of rules, for the REST function's and the bot's events. */
class ApiGatewayEventTest {
    private static final int LIMIT = 16;

    private static Map<String, Object> rest(String body, boolean base64) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", "/signature");
        event.put("path", "/Prod/signature");
        event.put("httpMethod", "POST");
        event.put("headers", Map.of("Content-Type", "application/json", "X-Slack-Signature", "v0=1"));
        event.put("queryStringParameters", null);
        event.put("requestContext", Map.of("identity", Map.of("sourceIp", "3.80.0.1"), "requestId", "r-1"));
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        return event;
    }

    private static Map<String, Object> httpApi(String version, String body) {
        Map<String, Object> event = new LinkedHashMap<>();
        if (version != null) {
            event.put("version", version);
        }
        event.put("routeKey", "POST /slack/events");
        event.put("rawPath", "/slack/events");
        event.put("headers", Map.of("content-type", "application/x-www-form-urlencoded"));
        event.put("queryStringParameters", Map.of("a", "1"));
        event.put("requestContext", Map.of("http", Map.of("method", "POST", "path", "/slack/events", "sourceIp", "203.0.113.7")));
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    private static ApiGatewayEvent read(Map<String, Object> event) throws ApiGatewayEvent.Refused {
        return ApiGatewayEvent.read(event, LIMIT).orElseThrow();
    }

    private static ApiGatewayEvent.Problem refusal(Map<String, Object> event) {
        return assertThrows(ApiGatewayEvent.Refused.class, () -> ApiGatewayEvent.read(event, LIMIT)).problem();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void restApiEvent_isBound() throws Exception {
        ApiGatewayEvent event = read(rest("{\"a\":1}", false));

        assertEquals("POST", event.method());
        assertEquals("/Prod/signature", event.path());
        assertEquals("/signature", event.resource());
        assertEquals("3.80.0.1", event.sourceIp());
        assertEquals("v0=1", event.header("x-slack-signature"));
        assertEquals(Map.of(), event.query());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), event.body());
    }

    @Test
    void httpApiEvent_isBound() throws Exception {
        ApiGatewayEvent event = read(httpApi("2.0", "a=1"));

        assertEquals("POST", event.method());
        assertEquals("/slack/events", event.path());
        assertNull(event.resource());
        assertEquals("203.0.113.7", event.sourceIp());
        assertEquals("application/x-www-form-urlencoded", event.header("Content-Type"));
        assertEquals(Map.of("a", "1"), event.query());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.0", "2"})
    void httpApiShapedEvent_withoutVersion20_isNotAnHttpEvent(String version) throws Exception {
        assertEquals(Optional.empty(), ApiGatewayEvent.read(httpApi(version.isEmpty() ? null : version, "a=1"), LIMIT));
    }

    @Test
    void directInvocation_isNotAnHttpEvent() throws Exception {
        assertEquals(Optional.empty(), ApiGatewayEvent.read(Map.of("callback", "https://a.example"), LIMIT));
    }

    @Test
    void base64Body_isDecoded() throws Exception {
        assertArrayEquals("{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8),
                read(rest(base64("{\"a\":\"\u00e9\"}"), true)).body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%", "eyJh!!IjoxfQ==", "eyJh IjoxfQ==", "eyJhIjoxfQ==\n", "eyJhIjox=fQ=="})
    void base64WithJunkAnywhere_isRefused(String body) {
        assertEquals(ApiGatewayEvent.Problem.BODY_NOT_BASE64, refusal(rest(body, true)));
    }

    @Test
    void sizeLimit_countsDecodedBytes_plainOrBase64() throws Exception {
        String sixteen = "0123456789abcdef";
        assertEquals(LIMIT, read(rest(sixteen, false)).body().length);
        assertEquals(LIMIT, read(rest(base64(sixteen), true)).body().length);

        assertEquals(ApiGatewayEvent.Problem.BODY_TOO_LARGE, refusal(rest(sixteen + "x", false)));
        assertEquals(ApiGatewayEvent.Problem.BODY_TOO_LARGE, refusal(rest(base64(sixteen + "x"), true)));
        // Six characters, eighteen bytes of UTF-8.
        assertEquals(ApiGatewayEvent.Problem.BODY_TOO_LARGE, refusal(rest("\u20ac".repeat(6), false)));
        assertEquals(ApiGatewayEvent.Problem.BODY_TOO_LARGE, refusal(rest(base64("\u20ac".repeat(6)), true)));
    }

    @Test
    void hugeBase64Body_isRefusedWithoutDecoding() {
        assertEquals(ApiGatewayEvent.Problem.BODY_TOO_LARGE, refusal(rest("%".repeat(1000), true)));
    }

    @Test
    void missingBodyOrHeaders_areEmpty() throws Exception {
        Map<String, Object> event = rest(null, false);
        event.remove("headers");

        ApiGatewayEvent bound = read(event);

        assertEquals(0, bound.body().length);
        assertNull(bound.header("Content-Type"));
    }

    @Test
    void proxyResponse_isWhatApiGatewayReads() throws Exception {
        Map<?, ?> reply = (Map<?, ?>) Json.parse(new String(ProxyResponse.write(413, Map.of("Content-Type", "application/json"),
                "{\"error\":\"x\"}"), StandardCharsets.UTF_8));

        assertEquals(413, ((Number) reply.get("statusCode")).intValue());
        assertEquals(Map.of("Content-Type", "application/json"), reply.get("headers"));
        assertEquals("{\"error\":\"x\"}", reply.get("body"));
        assertEquals(Boolean.FALSE, reply.get("isBase64Encoded"));
        assertTrue(new String(ProxyResponse.write(200, null, null), StandardCharsets.UTF_8).contains("\"body\":\"\""));
    }
}
