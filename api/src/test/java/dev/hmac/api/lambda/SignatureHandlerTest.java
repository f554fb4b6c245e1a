package dev.hmac.api.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.api.RestApi;
import dev.hmac.api.SignatureEndpoint;
import dev.hmac.api.VerificationEndpoint;
import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.aws.AuditLines;
import dev.hmac.aws.JsonLog;
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.core.testing.WrongSignatures;
import dev.hmac.core.verify.Verifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SignatureHandlerTest {
    private static final String SECRET = "S6meLXlUY00YVML3";
    private static final String SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";
    private static final String CANARY = "CANARY-lambda-90af2c";

    private final List<String> logLines = new ArrayList<>();
    private final List<String> auditLines = new ArrayList<>();
    private final SignatureHandler handler = new SignatureHandler(new RestApi(new SignatureEndpoint(new Signer()),
            new VerificationEndpoint(new Verifier())), new JsonLog(logLines::add, Clock.systemUTC()),
            new AuditLines(new JsonLog(auditLines::add, Clock.systemUTC()), Clock.systemUTC()));

    private String invoke(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/events/" + resource)) {
            return handle(in.readAllBytes());
        }
    }

    private String handle(byte[] event) {
        String reply = new String(handler.handle(event, "lambda-request-1"), StandardCharsets.UTF_8);
        assertContractAnswer(event, reply);
        return reply;
    }

    /** A proxy event's answer is one the contract gives for the event's method and path (REST or HTTP API). */
    private static void assertContractAnswer(byte[] event, String reply) {
        Map<?, ?> request;
        Map<?, ?> proxy;
        try {
            request = Json.parse(event) instanceof Map<?, ?> object ? object : Map.of();
            proxy = Json.parse(reply) instanceof Map<?, ?> object ? object : Map.of();
        } catch (JsonException notAnEvent) {
            return;
        }
        if (!proxy.containsKey("statusCode")) {
            return; // a direct invocation: the bare object, no HTTP answer
        }
        Map<?, ?> http = request.get("requestContext") instanceof Map<?, ?> context
                && context.get("http") instanceof Map<?, ?> v2 ? v2 : request;
        String method = (String) (http == request ? request.get("httpMethod") : http.get("method"));
        Object resource = request.get("resource");
        String path = resource instanceof String route && RestApi.isPath(route) ? route
                : (String) (http == request ? request.get("path") : request.get("rawPath"));
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) proxy.get("headers");
        OpenApiContract.assertAnswer(method, path, ((Number) proxy.get("statusCode")).intValue(), headers,
                (String) proxy.get("body"));
    }

    /** A log line's keys and values. */
    private static Map<?, ?> line(String logLine) throws Exception {
        return (Map<?, ?>) Json.parse(logLine);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rest-post-signature.json, 200",
        "rest-post-verify.json, 200",
        "rest-post-signature-base64.json, 200",
        "http-api-v2-post-signature.json, 200",
        "rest-post-invalid-field.json, 400",
        "rest-get-signature.json, 405",
        "rest-post-unknown-path.json, 404",
    })
    void proxyEvents_getAProxyResponse(String event, int status) throws Exception {
        Map<?, ?> reply = (Map<?, ?>) Json.parse(invoke(event));

        assertEquals(status, ((Number) reply.get("statusCode")).intValue());
        assertEquals(Boolean.FALSE, reply.get("isBase64Encoded"));
        assertEquals("application/json; charset=utf-8", ((Map<?, ?>) reply.get("headers")).get("Content-Type"));
        Map<?, ?> body = (Map<?, ?>) Json.parse((String) reply.get("body"));
        if (status == 200) {
            assertEquals(SIGNATURE, body.get("signature"));
            assertEquals("1444762678", body.get("timestamp"));
            assertEquals(event.contains("verify") ? Boolean.TRUE : null, body.get("match"));
        } else {
            assertTrue(body.containsKey("error"));
        }
        assertFalse(reply.toString().contains(SECRET));
        assertEquals(1, logLines.size());
        assertFalse(logLines.get(0).contains(SECRET));
    }

    @Test
    void originalConsoleSample_getsTheOriginalFieldsMinusTheSecret() throws Exception {
        Map<?, ?> reply = (Map<?, ?>) Json.parse(invoke("direct-sample.json"));

        assertEquals(List.of("callback", "clientid", "timestamp", "signature", "algorithm", "encoding"),
                List.copyOf(reply.keySet()));
        assertEquals("https://apoorva.com", reply.get("callback"));
        assertEquals("LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", reply.get("clientid"));
        assertTrue(((String) reply.get("timestamp")).matches("\\d{10}"));
        assertEquals(44, ((String) reply.get("signature")).length());
    }

    static List<WrongSignatures.Case> wrongSignatures() {
        return WrongSignatures.oneForEachCause();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongSignatures")
    void verifyEvents_sayWhatDiffers(WrongSignatures.Case wrong) throws Exception {
        for (boolean base64 : new boolean[] {false, true}) {
            Map<?, ?> reply = (Map<?, ?>) Json.parse(handle(bytes(verifyEvent(Json.write(wrong.request()), base64))));

            assertEquals(200, ((Number) reply.get("statusCode")).intValue(), reply.toString());
            Map<?, ?> verdict = (Map<?, ?>) Json.parse((String) reply.get("body"));
            assertEquals(false, verdict.get("match"));
            assertEquals(SIGNATURE, verdict.get("signature"));
            assertEquals(wrong.causes(), ((List<?>) verdict.get("explanations")).stream()
                    .map(explanation -> ((Map<?, ?>) explanation).get("cause")).toList());
            assertFalse(reply.toString().contains(SECRET));
        }
        assertEquals(List.of("POST /verify -> 200", "POST /verify -> 200"), messages());
        logLines.forEach(line -> assertFalse(line.contains(SECRET), line));
    }

    @Test
    void verifyWithABrokenRule_isLoggedNamingTheField() throws Exception {
        Map<String, Object> request = new java.util.LinkedHashMap<>(WrongSignatures.match().request());
        request.put("signature", "");

        Map<?, ?> reply = (Map<?, ?>) Json.parse(handle(bytes(verifyEvent(Json.write(request), false))));

        assertEquals(400, ((Number) reply.get("statusCode")).intValue());
        assertEquals("POST /verify -> 400", line(logLines.get(0)).get("message"));
        assertEquals("signature", line(logLines.get(0)).get("field"));
    }

    private static String verifyEvent(String body, boolean base64) throws IOException {
        String event;
        try (InputStream in = SignatureHandlerTest.class.getResourceAsStream("/events/rest-post-verify.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        try {
            ((Map<?, ?>) Json.parse(event)).forEach((key, value) -> map.put((String) key, value));
        } catch (dev.hmac.core.json.JsonException e) {
            throw new IllegalStateException(e);
        }
        map.put("body", base64 ? Base64.getEncoder().encodeToString(bytes(body)) : body);
        map.put("isBase64Encoded", base64);
        return Json.write(map);
    }

    private List<Object> messages() throws Exception {
        List<Object> messages = new ArrayList<>();
        for (String logLine : logLines) {
            messages.add(line(logLine).get("message"));
        }
        return messages;
    }

    @Test
    void unknownPath_isLoggedWithoutThePath_whichCanHoldAnything() throws Exception {
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/rest-post-unknown-path.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"/sign\"", "\"/signature/" + SECRET + "\"");
        }

        Map<?, ?> reply = (Map<?, ?>) Json.parse(handle(event.getBytes(StandardCharsets.UTF_8)));

        assertEquals(404, ((Number) reply.get("statusCode")).intValue());
        assertEquals(1, logLines.size());
        assertEquals("WARN", line(logLines.get(0)).get("level"));
        assertEquals("POST (another path) -> 404", line(logLines.get(0)).get("message"));
        assertFalse(logLines.get(0).contains(SECRET));
    }

    @Test
    void invalidBase64Body_gets400() throws Exception {
        String event = "{\"httpMethod\":\"POST\",\"path\":\"/signature\",\"isBase64Encoded\":true,\"body\":\"%%%\"}";

        Map<?, ?> reply = (Map<?, ?>) Json.parse(handle(event.getBytes(StandardCharsets.UTF_8)));

        assertEquals(400, ((Number) reply.get("statusCode")).intValue());
    }

    @Test
    void base64BodyWithJunkInside_gets400_thoughSkippingTheJunkWouldGiveAValidRequest() throws Exception {
        String body = "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"clientsecret\":\"" + SECRET + "\",\"timestamp\":1444762678}";
        String encoded = Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
        String event = "{\"httpMethod\":\"POST\",\"path\":\"/signature\",\"isBase64Encoded\":true,\"body\":\""
                + encoded.substring(0, 12) + "!!" + encoded.substring(12) + "\"}";

        Map<?, ?> reply = (Map<?, ?>) Json.parse(handle(event.getBytes(StandardCharsets.UTF_8)));

        assertEquals(400, ((Number) reply.get("statusCode")).intValue());
        assertEquals("The request body is not valid base64.", ((Map<?, ?>) Json.parse((String) reply.get("body"))).get("error"));
    }

    @Test
    void invalidField_isLoggedAsAJsonLineNamingTheField() throws Exception {
        invoke("rest-post-invalid-field.json");

        Map<?, ?> line = line(logLines.get(0));
        assertEquals("WARN", line.get("level"));
        assertEquals("POST /signature -> 400", line.get("message"));
        assertEquals("callback", line.get("field"));
        assertTrue(line.get("timestamp") instanceof String);
    }

    @Test
    void hugeBase64Body_gets413BeforeDecoding() throws Exception {
        String event = "{\"httpMethod\":\"POST\",\"path\":\"/signature\",\"isBase64Encoded\":true,\"body\":\""
                + "A".repeat(100_000) + "\"}";

        Map<?, ?> reply = (Map<?, ?>) Json.parse(handle(event.getBytes(StandardCharsets.UTF_8)));

        assertEquals(413, ((Number) reply.get("statusCode")).intValue());
    }

    static Stream<Arguments> hostileBodies() {
        String valid = "\"callback\":\"https://a.example\",\"clientid\":\"id\",\"clientsecret\":\"" + CANARY + "\"";
        return Stream.of(
                Arguments.of("nested 10,000 deep", bytes("{" + valid + ",\"x\":" + "[".repeat(10_000)), 400),
                Arguments.of("invalid UTF-8", concat(bytes("{" + valid + ",\"x\":\""), new byte[] {(byte) 0xC3, 0x28}, bytes("\"}")), 400),
                Arguments.of("a surrogate in UTF-8", concat(bytes("{" + valid + ",\"x\":\""),
                        new byte[] {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, bytes("\"}")), 400),
                Arguments.of("a raw NUL", bytes("{" + valid.replace(CANARY, CANARY + "\u0000") + "}"), 400),
                Arguments.of("an escaped NUL", bytes("{" + valid.replace(CANARY, CANARY + "\\u0000") + "}"), 400),
                Arguments.of("a lone surrogate", bytes("{" + valid.replace(CANARY, CANARY + "\\udbff") + "}"), 400),
                Arguments.of("the secret twice", bytes("{" + valid + ",\"clientsecret\":\"" + CANARY + "\"}"), 400),
                Arguments.of("an unknown field", bytes("{" + valid + ",\"" + CANARY + "\":1}"), 400),
                Arguments.of("timestamp 1e999999999", bytes("{" + valid + ",\"timestamp\":1e999999999}"), 400),
                Arguments.of("a 10,000-digit timestamp", bytes("{" + valid + ",\"timestamp\":" + "7".repeat(10_000) + "}"), 400),
                Arguments.of("a 10^5-digit timestamp", bytes("{" + valid + ",\"timestamp\":" + "7".repeat(100_000) + "}"), 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void hostileBodies_getAJsonErrorWithoutTheSecret(String name, byte[] body, int status) throws Exception {
        for (String path : List.of("/signature", "/verify")) {
            byte[] sent = path.equals("/verify") ? withSignature(body) : body;
            for (boolean base64 : new boolean[] {true, false}) {
                if (!base64 && status == 413) {
                    continue; // an API Gateway event body is text: only base64 can carry these bytes over the limit
                }
                String event = "{\"httpMethod\":\"POST\",\"path\":\"" + path + "\",\"isBase64Encoded\":" + base64
                        + ",\"body\":" + Json.write(base64 ? Base64.getEncoder().encodeToString(sent)
                        : new String(sent, StandardCharsets.UTF_8)) + "}";

                String reply = handle(event.getBytes(StandardCharsets.UTF_8));

                Map<?, ?> proxy = (Map<?, ?>) Json.parse(reply);
                assertEquals(status, ((Number) proxy.get("statusCode")).intValue(), path + ": " + name);
                assertTrue(((Map<?, ?>) Json.parse((String) proxy.get("body"))).get("error") instanceof String, name);
                assertFalse(reply.contains("CANARY"), name);
            }
        }
        logLines.forEach(line -> assertFalse(line.contains("CANARY"), line));
    }

    /** The audit object of each audit line. */
    private List<Map<?, ?>> audits() throws Exception {
        List<Map<?, ?>> audits = new ArrayList<>();
        for (String auditLine : auditLines) {
            Object audit = line(auditLine).get("audit");
            if (audit != null) {
                audits.add((Map<?, ?>) audit);
            }
        }
        return audits;
    }

    @Test
    void signing_isAuditedWithTheApiKeyIdSourceAndRequestId_neverTheSecretOrSignature() throws Exception {
        invoke("rest-post-signature.json");

        assertEquals(1, auditLines.size(), "the event and its counts in one line: " + auditLines);
        Map<?, ?> line = line(auditLines.get(0));
        assertEquals("INFO", line.get("level"));
        assertEquals("signature signed", line.get("message"));
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("event", "signature");
        expected.put("surface", "rest");
        expected.put("actor", Map.of("apiKeyId", "abcdef", "sourceIp", "203.0.113.7"));
        expected.put("clientid", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ");
        expected.put("callback", "https://apoorva.com");
        expected.put("timestamp", "1444762678");
        expected.put("algorithm", "sha256");
        expected.put("encoding", "base64");
        expected.put("outcome", "signed");
        expected.put("signatureSha256", java.util.HexFormat.of().formatHex(dev.hmac.core.Sha256.digest(
                SIGNATURE.getBytes(StandardCharsets.UTF_8)), 0, 4));
        expected.put("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertEquals(expected, line.get("audit"));
        for (String auditLine : auditLines) {
            assertFalse(auditLine.contains(SECRET) || auditLine.contains(SIGNATURE) || auditLine.contains("k3y\""), auditLine);
        }
        Map<?, ?> metrics = line(auditLines.get(0));
        assertEquals("rest", metrics.get("Surface"));
        assertEquals("signed", metrics.get("Outcome"));
        assertEquals(new java.math.BigDecimal(1), metrics.get("Signatures"));
        assertEquals("hmac", ((Map<?, ?>) ((List<?>) ((Map<?, ?>) metrics.get("_aws")).get("CloudWatchMetrics")).get(0))
                .get("Namespace"));
    }

    @Test
    void invalidAndMismatchedChecks_areAuditedWithTheFieldsAtFaultOrTheFirstCause() throws Exception {
        invoke("rest-post-invalid-field.json");
        WrongSignatures.Case wrong = WrongSignatures.oneForEachCause().get(0);
        handle(bytes(verifyEvent(Json.write(wrong.request()), false)));
        invoke("rest-get-signature.json");
        invoke("rest-post-unknown-path.json");

        List<Map<?, ?>> audits = audits();
        assertEquals(2, audits.size(), "no audit line for a wrong method or path: " + audits);
        assertEquals("invalid", audits.get(0).get("outcome"));
        assertEquals(List.of("callback"), audits.get(0).get("fields"));
        assertEquals(null, audits.get(0).get("clientid"), "an invalid request's inputs are not logged");
        assertEquals("verification", audits.get(1).get("event"));
        assertEquals("mismatch", audits.get(1).get("outcome"));
        assertEquals(wrong.causes().get(0), audits.get(1).get("cause"));
        assertEquals(new java.math.BigDecimal(1), line(auditLines.get(0)).get("InvalidRequests"));
    }

    @Test
    void theFormsRequestId_isCarriedWhenItIsOneOfOurs_andADirectInvocationIsAuditedToo() throws Exception {
        String forwarded = "0f8e2c1a-5b4d-4e6f-8a9b-0c1d2e3f4a5b";
        String event = new String(getClass().getResourceAsStream("/events/rest-post-signature.json").readAllBytes(),
                StandardCharsets.UTF_8);
        handle(bytes(event.replace("\"Host\":", "\"X-Request-Id\": \"" + forwarded + "\", \"Host\":")));
        handle(bytes(event.replace("\"Host\":", "\"X-Request-Id\": \"" + CANARY + "\", \"Host\":")));
        invoke("direct-sample.json");

        List<Map<?, ?>> audits = audits();
        assertEquals(forwarded, audits.get(0).get("forwardedRequestId"));
        assertFalse(audits.get(1).containsKey("forwardedRequestId"), "not an id of ours: " + audits.get(1));
        auditLines.forEach(line -> assertFalse(line.contains(CANARY), line));
        assertEquals(Map.of("via", "direct invocation"), audits.get(2).get("actor"));
        assertEquals("lambda-request-1", audits.get(2).get("requestId"));
    }

    /** The body with a signature to check put first, so that only what makes it hostile fails it. */
    private static byte[] withSignature(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        return text.startsWith("{") ? ("{\"signature\":\"" + SIGNATURE + "\"," + text.substring(1))
                .getBytes(StandardCharsets.ISO_8859_1) : body;
    }

    @Test
    void streamEntryPoint_writesTheReply() throws Exception {
        byte[] event;
        try (InputStream in = getClass().getResourceAsStream("/events/rest-post-signature.json")) {
            event = in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new SignatureHandler().handleRequest(new ByteArrayInputStream(event), out, null);

        assertTrue(out.toString(StandardCharsets.UTF_8).contains(SIGNATURE.replace("/", "/")));
    }

    @Test
    void eventThatIsNotAnObject_getsAnErrorObject() throws Exception {
        Map<?, ?> reply = (Map<?, ?>) Json.parse(handle("[1]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("The event must be a JSON object.", reply.get("error"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
