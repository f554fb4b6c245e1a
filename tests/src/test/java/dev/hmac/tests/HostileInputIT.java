package dev.hmac.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.HostileSlackPayloads;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server jar, started as a user starts it (with Slack on, against the fake Web API), fed what people and
 * scripts should not send: deep nesting, invalid UTF-8, NUL bytes, lone surrogates, huge numbers, duplicate and
 * unknown fields, wrong content types, oversized and chunked bodies, broken framing, on signing and checking alike,
 * and in the options and the signature. Every answer is a 4xx in the surface's own format (a JSON error, or an HTML
 * page for the form), never a 5xx or a stack trace, and the canary secret in every body never comes back, neither in
 * a response nor in the server's output.
 */
class HostileInputIT {
    private static final String CANARY = "CANARY-rest-c41e07";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    private static FakeSlack slack;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlack();
        server = ServerProcess.start(Map.of("SLACK_SIGNING_SECRET", SlackRequests.SIGNING_SECRET,
                "SLACK_BOT_TOKEN", SlackRequests.BOT_TOKEN, "SLACK_API_URL", slack.apiUrl()));
    }

    @AfterAll
    static void stopAndCheckTheLogs() throws Exception {
        List<String> output = server.stop();
        slack.close();
        assertTrue(output.stream().anyMatch(line -> line.contains("POST /signature 400")), "access log is missing");
        assertTrue(output.stream().anyMatch(line -> line.contains("POST /verify 413")), "access log is missing");
        for (String line : output) {
            assertFalse(line.contains("CANARY"), "a canary reached the logs: " + line);
            assertFalse(line.contains("Unexpected failure") || line.contains(" ERROR "), line);
        }
    }

    // ---- REST: POST /signature ----

    static Stream<Arguments> hostileJson() {
        String secret = "\"clientsecret\":\"" + CANARY + "\"";
        String valid = "\"callback\":\"https://a.example/cb\",\"clientid\":\"id\"," + secret;
        return Stream.of(
                json("arrays nested 10,000 deep", "{" + secret + ",\"callback\":" + "[".repeat(10_000), 400),
                json("objects nested 2,000 deep", "{" + secret + ",\"x\":" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_001), 400),
                raw("invalid UTF-8 in the secret", bytes("{" + valid.replace(CANARY, CANARY + "\u00c3(")), 400),
                raw("overlong UTF-8", concat(bytes("{" + valid + ",\"x\":\""), new byte[] {(byte) 0xC0, (byte) 0xAF}, bytes("\"}")), 400),
                raw("a surrogate encoded in UTF-8", concat(bytes("{" + valid.replace(CANARY, CANARY + "\""
                        + ",\"y\":\"")), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, bytes("\"}")), 400),
                raw("Latin-1 instead of UTF-8", ("{" + valid.replace("id\"", "caf\u00e9\"") + "}").getBytes(StandardCharsets.ISO_8859_1), 400),
                json("the secret twice", "{" + valid + "," + secret + "}", 400),
                json("an unexpected field", "{" + valid + ",\"admin\":true}", 400),
                json("a near-miss field name", "{" + valid.replace("clientsecret", "Client_Secret") + "}", 400),
                json("timestamp 1e999999999", "{" + valid + ",\"timestamp\":1e999999999}", 400),
                json("timestamp -1e999999999", "{" + valid + ",\"timestamp\":-1e999999999}", 400),
                json("timestamp 1e-999999999", "{" + valid + ",\"timestamp\":1e-999999999}", 400),
                json("an exponent beyond int", "{" + valid + ",\"timestamp\":1e99999999999}", 400),
                json("a 15,000-digit timestamp", "{" + valid + ",\"timestamp\":" + "9".repeat(15_000) + "}", 400),
                json("a 15,000-digit timestamp string", "{" + valid + ",\"timestamp\":\"" + "9".repeat(15_000) + "\"}", 400),
                json("a 15,000-digit fraction", "{" + valid + ",\"timestamp\":1." + "0".repeat(15_000) + "1}", 400),
                json("a 10^5-digit timestamp", "{" + valid + ",\"timestamp\":1" + "0".repeat(100_000) + "}", 413),
                raw("a raw NUL in the secret", bytes("{" + valid.replace(CANARY, CANARY + "\u0000") + "}"), 400),
                raw("a raw NUL between fields", bytes("{" + valid + ",\u0000\"timestamp\":1}"), 400),
                json("an escaped NUL in the secret", "{" + valid.replace(CANARY, CANARY + "\\u0000") + "}", 400),
                json("an escaped NUL in the callback", "{" + valid.replace("/cb", "/cb\\u0000") + "}", 400),
                json("a lone high surrogate in the secret", "{" + valid.replace(CANARY, CANARY + "\\ud800") + "}", 400),
                json("a lone low surrogate in the callback", "{" + valid.replace("/cb", "/\\udc00") + "}", 400),
                json("a reversed surrogate pair in the client id", "{" + valid.replace("\"id\"", "\"\\udc00\\ud800\"") + "}", 400),
                json("the secret as an object", "{\"callback\":\"https://a.example\",\"clientid\":\"id\",\"clientsecret\":{\""
                        + CANARY + "\":1}}", 400),
                json("the secret as a number", "{\"callback\":\"https://a.example\",\"clientid\":\"" + CANARY + "\",\"clientsecret\":1e999}", 400),
                json("a top-level array", "[{" + valid + "}]", 400),
                json("a top-level string", "\"" + CANARY + "\"", 400),
                json("null", "null", 400),
                json("whitespace only", " \r\n\t ", 400),
                json("a byte order mark only", "\ufeff", 400),
                json("data after the object", "{" + valid + "} " + CANARY, 400),
                json("an unterminated string", "{" + valid.replace(CANARY + "\"", CANARY), 400),
                json("one byte over 16 KiB", "{" + valid + ",\"x\":\"" + "y".repeat(16 * 1024) + "\"}", 413),
                json("a 2 MiB paste", CANARY + "x".repeat(2 * 1024 * 1024), 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileJson")
    void rest_hostileBodies_getAJsonError(String name, byte[] body, int status) throws Exception {
        assertJsonError(RawHttp.post(server.uri(), "/signature", JSON, body), status, name);
        assertJsonError(RawHttp.post(server.uri(), "/verify", JSON, withSignature(body)), status, "/verify: " + name);
    }

    /** The body with a signature to check put first, so that only what makes it hostile fails a check. */
    private static byte[] withSignature(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        return text.startsWith("{") ? ("{\"signature\":\"c2lnbmF0dXJl\"," + text.substring(1))
                .getBytes(StandardCharsets.ISO_8859_1) : body;
    }

    // ---- REST: what only a check or the signing options take ----

    static Stream<Arguments> hostileChecks() {
        String valid = "\"callback\":\"https://a.example/cb\",\"clientid\":\"id\",\"clientsecret\":\"" + CANARY + "\"";
        return Stream.of(
                json("a 10^5-character signature", "{" + valid + ",\"signature\":\"" + "A".repeat(100_000) + "\"}", 413),
                json("a 1,025-character signature", "{" + valid + ",\"signature\":\"" + "A".repeat(1025) + "\"}", 400),
                json("the signature as an object", "{" + valid + ",\"signature\":{\"" + CANARY + "\":1}}", 400),
                json("the signature as a number", "{" + valid + ",\"signature\":1e999999999}", 400),
                json("an escaped NUL in the signature", "{" + valid + ",\"signature\":\"c2ln\\u0000\"}", 400),
                json("a lone surrogate in the signature", "{" + valid + ",\"signature\":\"c2ln\\ud800\"}", 400),
                json("the signature twice", "{" + valid + ",\"signature\":\"c2ln\",\"signature\":\"c2ln\"}", 400),
                json("a 14-digit timestamp", "{" + valid + ",\"signature\":\"c2ln\",\"timestamp\":14447626780000}", 400),
                json("an algorithm of 10,000 characters", "{" + valid + ",\"signature\":\"c2ln\",\"algorithm\":\""
                        + "sha256".repeat(1700) + "\"}", 400),
                json("an algorithm with a NUL", "{" + valid + ",\"signature\":\"c2ln\",\"algorithm\":\"sha\\u0000256\"}", 400),
                json("an encoding as a list", "{" + valid + ",\"signature\":\"c2ln\",\"encoding\":[\"hex\"]}", 400),
                json("the secret as the encoding", "{" + valid + ",\"signature\":\"c2ln\",\"encoding\":\"" + CANARY + "\"}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileChecks")
    void rest_hostileChecks_getAJsonError(String name, byte[] body, int status) throws Exception {
        assertJsonError(RawHttp.post(server.uri(), "/verify", JSON, body), status, name);
    }

    @Test
    void rest_hostileOptions_onSigning_getAJsonError() throws Exception {
        String valid = "\"callback\":\"https://a.example/cb\",\"clientid\":\"id\",\"clientsecret\":\"" + CANARY + "\"";
        for (String options : List.of("\"algorithm\":\"" + CANARY + "\"", "\"encoding\":\"base64\\u0000\"",
                "\"algorithm\":1", "\"encoding\":{}", "\"algorithm\":\"" + "x".repeat(10_000) + "\"",
                "\"signature\":\"" + CANARY + "\"")) {
            assertJsonError(RawHttp.post(server.uri(), "/signature", JSON, bytes("{" + valid + "," + options + "}")), 400,
                    options.substring(0, Math.min(40, options.length())));
        }
    }

    @Test
    void rest_chunkedCheckWithoutATimestamp_isSweptAndAnswered() throws Exception {
        String check = "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"clientsecret\":\"" + CANARY + "\",\"signature\":\"WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=\","
                + "\"algorithm\":\"sha512\",\"encoding\":\"hex\"}";

        RawHttp.Response chunked = rest(RawHttp.postChunked(server.uri(), "/verify", JSON, bytes(check), 9));

        assertEquals(200, chunked.status(), chunked.body());
        Map<?, ?> verdict = (Map<?, ?>) Json.parse(chunked.body());
        assertEquals(false, verdict.get("match"));
        assertClean(chunked, "a chunked check without a timestamp");
    }

    @Test
    void rest_wrongContentTypes_areReadAsJsonAsOnApiGateway_soOnlyJsonSigns() throws Exception {
        String vector = "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"timestamp\":1444762678}";

        // curl -d sends x-www-form-urlencoded; the README's examples rely on the type being ignored.
        RawHttp.Response curlStyle = rest(RawHttp.post(server.uri(), "/signature", FORM, bytes(vector)));
        assertEquals(200, curlStyle.status());
        assertTrue(curlStyle.body().contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="));

        assertJsonError(RawHttp.post(server.uri(), "/signature", FORM,
                bytes("callback=https%3A%2F%2Fa.example&clientid=id&clientsecret=" + CANARY)), 400, "a form");
        assertJsonError(RawHttp.post(server.uri(), "/signature", "application/xml",
                bytes("<r><clientsecret>" + CANARY + "</clientsecret></r>")), 400, "XML");
        assertJsonError(RawHttp.post(server.uri(), "/signature", "multipart/form-data; boundary=b",
                bytes("--b\r\nContent-Disposition: form-data; name=\"clientsecret\"\r\n\r\n" + CANARY + "\r\n--b--\r\n")), 400, "multipart");
        assertJsonError(RawHttp.post(server.uri(), "/signature", "application/octet-stream",
                new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0x7B, 0}), 400, "binary");
    }

    @Test
    void rest_chunkedBodies_areReadWithoutAContentLength_andBrokenFramingGets400() throws Exception {
        String vector = "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"timestamp\":1444762678}";
        RawHttp.Response chunked = rest(RawHttp.postChunked(server.uri(), "/signature", JSON, bytes(vector), 7));
        assertEquals(200, chunked.status(), chunked.body());
        assertEquals("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", ((Map<?, ?>) Json.parse(chunked.body())).get("signature"));

        assertJsonError(RawHttp.postChunked(server.uri(), "/signature", JSON,
                bytes("{\"clientsecret\":\"" + CANARY + "\",\"x\":\"" + "y".repeat(20_000) + "\"}"), 1000), 413, "chunked, over 16 KiB");
        assertJsonError(RawHttp.send(server.uri(), RawHttp.head("POST", "/signature", JSON)
                + "Transfer-Encoding: chunked\r\n\r\n", bytes("zz\r\n{\"clientsecret\":\"" + CANARY + "\"}\r\n0\r\n\r\n")), 400, "bad chunk size");
        assertJsonError(RawHttp.send(server.uri(), RawHttp.head("POST", "/signature", JSON)
                + "Transfer-Encoding: chunked\r\n\r\n", bytes("400\r\n{\"clientsecret\":\"" + CANARY)), 400, "chunked, cut short");
        assertJsonError(RawHttp.send(server.uri(), RawHttp.head("POST", "/signature", JSON)
                + "Content-Length: 500\r\n\r\n", bytes("{\"clientsecret\":\"" + CANARY)), 400, "shorter than its Content-Length");
        assertJsonError(RawHttp.send(server.uri(), RawHttp.head("POST", "/signature", JSON)
                + "Content-Length: 99999999999999\r\n\r\n", bytes("{\"clientsecret\":\"" + CANARY)), 413, "a huge Content-Length");
    }

    // ---- the web form: POST / ----

    static Stream<Arguments> hostileForms() {
        String valid = "Callback=https%3A%2F%2Fa.example%2Fcb&ClientID=id&ClientSecret=" + CANARY;
        return Stream.of(
                raw("invalid UTF-8 in an escape", bytes(valid + "%C3%28"), 400),
                raw("a raw 0xFF byte", concat(bytes(valid), new byte[] {(byte) 0xFF}), 400),
                raw("a surrogate encoded in UTF-8", bytes(valid + "%ED%A0%80"), 400),
                raw("an overlong encoding", bytes(valid + "%C0%AF"), 400),
                raw("a broken escape", bytes(valid + "%G1"), 400),
                raw("an escape cut short", bytes(valid + "%4"), 400),
                raw("the secret twice", bytes(valid + "&ClientSecret=" + CANARY), 400),
                raw("an unknown field", bytes(valid + "&admin=1"), 400),
                raw("an empty field name", bytes(valid + "&=" + CANARY), 400),
                raw("a JSON body sent as a form", bytes("{\"clientsecret\":\"" + CANARY + "\"," + "[".repeat(5000)), 400),
                raw("an escaped NUL in the secret", bytes(valid + "%00"), 400),
                raw("a raw NUL in the secret", bytes(valid + "\u0000"), 400),
                raw("a NUL in the callback", bytes(valid.replace("%2Fcb", "%2Fcb%00")), 400),
                raw("timestamp 1e999999999", bytes(valid + "&Timestamp=1e999999999"), 400),
                raw("a 15,000-digit timestamp", bytes(valid + "&Timestamp=" + "9".repeat(15_000)), 400),
                raw("a 10^5-digit timestamp", bytes(valid + "&Timestamp=1" + "0".repeat(100_000)), 413),
                raw("a 2 MiB paste", bytes(valid + "x".repeat(2 * 1024 * 1024)), 413),
                raw("an unknown algorithm", bytes(valid + "&Algorithm=" + CANARY), 400),
                raw("an algorithm of 10,000 characters", bytes(valid + "&Algorithm=" + "sha256".repeat(1_700)), 400),
                raw("a NUL in the algorithm", bytes(valid + "&Algorithm=sha%00256"), 400),
                raw("invalid UTF-8 in the encoding", bytes(valid + "&Encoding=hex%C3%28"), 400),
                raw("the encoding twice", bytes(valid + "&Encoding=hex&Encoding=base64"), 400),
                raw("the check page's Signature", bytes(valid + "&Signature=" + CANARY), 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileForms")
    void form_hostileBodies_getAnHtmlErrorPage(String name, byte[] body, int status) throws Exception {
        assertHtmlError(RawHttp.post(server.uri(), "/", FORM, body), status, name);
    }

    // ---- the web form's check page: POST /check ----

    static Stream<Arguments> hostileCheckForms() {
        String valid = "Callback=https%3A%2F%2Fa.example%2Fcb&ClientID=id&ClientSecret=" + CANARY + "&Timestamp=1444762678";
        Stream<Arguments> forms = hostileForms()
                .filter(form -> !form.get()[0].equals("the check page's Signature"))
                .map(form -> Arguments.of(form.get()[0], concat((byte[]) form.get()[1], bytes("&Signature=c2ln")), form.get()[2]));
        return Stream.concat(forms, Stream.of(
                raw("a NUL in the signature", bytes(valid + "&Signature=c2ln%00"), 400),
                raw("a lone surrogate in the signature", bytes(valid + "&Signature=c2ln%ED%B0%80"), 400),
                raw("a line break in the signature", bytes(valid + "&Signature=c2ln%0D%0Ac2ln"), 400),
                raw("a signature of 2,000 characters", bytes(valid + "&Signature=" + "A".repeat(2_000)), 400),
                raw("a signature of 15,000 characters", bytes(valid + "&Signature=" + "A".repeat(15_000)), 400),
                raw("the signature twice", bytes(valid + "&Signature=c2ln&Signature=" + CANARY), 400),
                raw("an empty signature", bytes(valid + "&Signature="), 400),
                raw("a 16-digit timestamp", bytes(valid.replace("1444762678", "1444762678000000") + "&Signature=c2ln"), 400),
                raw("an unknown encoding", bytes(valid + "&Signature=c2ln&Encoding=" + CANARY), 400)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCheckForms")
    void check_hostileBodies_getAnHtmlErrorPage(String name, byte[] body, int status) throws Exception {
        assertHtmlError(RawHttp.post(server.uri(), "/check", FORM, body), status, name);
    }

    @Test
    void check_secretOrMarkupAsTheSignature_getsAVerdictThatQuotesNeither() throws Exception {
        String valid = "Callback=https%3A%2F%2Fa.example%2Fcb&ClientID=id&ClientSecret=" + CANARY + "&Timestamp=1444762678";
        for (String signature : List.of(CANARY, "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%22%3E%3Cimg+src%3Dx%3E")) {
            RawHttp.Response response = RawHttp.post(server.uri(), "/check", FORM, bytes(valid + "&Signature=" + signature));
            assertEquals(200, response.status(), signature);
            assertTrue(response.body().contains("No match</h2>"), signature);
            assertFalse(response.body().contains("<script>alert") || response.body().contains("<img src"), signature);
            assertClean(response, signature);
        }
    }

    @Test
    void check_wrongContentTypesAndChunkedBodies_areAnsweredAsOnTheSigningPage() throws Exception {
        byte[] check = bytes("Callback=https%3A%2F%2Fapoorva.com&ClientID=LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ"
                + "&ClientSecret=S6meLXlUY00YVML3&Timestamp=1444762678&Signature=WRfKcxY3ddRv%2Fmi8gi1OaU4Yd%2ByVL%2BL8tbwjqP8bMlQ%3D");
        assertHtmlError(RawHttp.post(server.uri(), "/check", JSON, bytes("{\"clientsecret\":\"" + CANARY + "\"}")), 415, "JSON");
        assertHtmlError(RawHttp.post(server.uri(), "/check", null, check), 415, "no Content-Type");
        RawHttp.Response chunked = RawHttp.postChunked(server.uri(), "/check", FORM, check, 7);
        assertEquals(200, chunked.status());
        assertTrue(chunked.body().contains("Match</h2>"), chunked.body());
        assertHtmlError(RawHttp.postChunked(server.uri(), "/check", FORM,
                bytes("ClientSecret=" + CANARY + "x".repeat(20_000)), 4096), 413, "chunked, over 16 KiB");
        assertHtmlError(RawHttp.send(server.uri(), RawHttp.head("POST", "/check", FORM) + "Content-Length: 900\r\n\r\n",
                bytes("ClientSecret=" + CANARY)), 400, "cut short");
    }

    @Test
    void form_wrongContentTypes_get415() throws Exception {
        byte[] form = bytes("Callback=https%3A%2F%2Fa.example&ClientID=id&ClientSecret=" + CANARY);
        assertHtmlError(RawHttp.post(server.uri(), "/", JSON, bytes("{\"clientsecret\":\"" + CANARY + "\"}")), 415, "JSON");
        assertHtmlError(RawHttp.post(server.uri(), "/", "text/plain", form), 415, "text/plain");
        assertHtmlError(RawHttp.post(server.uri(), "/", null, form), 415, "no Content-Type");
        assertHtmlError(RawHttp.post(server.uri(), "/", "multipart/form-data; boundary=b",
                bytes("--b\r\nContent-Disposition: form-data; name=\"ClientSecret\"\r\n\r\n" + CANARY + "\r\n--b--\r\n")), 415, "multipart");
    }

    @Test
    void form_chunkedBodies_areReadWithoutAContentLength_andBrokenFramingGets400() throws Exception {
        RawHttp.Response chunked = RawHttp.postChunked(server.uri(), "/", FORM, bytes("Callback=https%3A%2F%2Fapoorva.com"
                + "&ClientID=LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ&ClientSecret=S6meLXlUY00YVML3&Timestamp=1444762678"), 5);
        assertEquals(200, chunked.status());
        assertTrue(chunked.body().contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="));

        assertHtmlError(RawHttp.postChunked(server.uri(), "/", FORM,
                bytes("ClientSecret=" + CANARY + "x".repeat(20_000)), 4096), 413, "chunked, over 16 KiB");
        assertHtmlError(RawHttp.send(server.uri(), RawHttp.head("POST", "/", FORM) + "Transfer-Encoding: chunked\r\n\r\n",
                bytes("-5\r\nClientSecret=" + CANARY + "\r\n0\r\n\r\n")), 400, "bad chunk size");
        assertHtmlError(RawHttp.send(server.uri(), RawHttp.head("POST", "/", FORM) + "Content-Length: 900\r\n\r\n",
                bytes("ClientSecret=" + CANARY)), 400, "cut short");
    }

    // ---- Slack: POST /slack/events ----

    static List<HostileSlackPayloads.Case> malformedSlack() {
        return HostileSlackPayloads.malformed();
    }

    static List<HostileSlackPayloads.Case> unusualSlack() {
        return HostileSlackPayloads.unusual();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSlack")
    void slack_signedButMalformedPayloads_get4xx(HostileSlackPayloads.Case payload) throws Exception {
        RawHttp.Response response = postSlack(SlackRequests.sign(payload.body(), SlackRequests.now()));

        assertTrue(response.status() >= 400 && response.status() < 500, payload + " -> " + response.status());
        assertClean(response, payload.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusualSlack")
    void slack_signedUnusualPayloads_getAnAnswer(HostileSlackPayloads.Case payload) throws Exception {
        RawHttp.Response response = postSlack(SlackRequests.sign(payload.body(), SlackRequests.now()));

        assertEquals(200, response.status(), payload.name());
        assertClean(response, payload.name());
    }

    @Test
    void slack_oversizedBrokenAndNonUtf8Bodies_get4xx() throws Exception {
        String paste = "payload=" + HostileSlackPayloads.CANARY + "x".repeat(2 * 1024 * 1024);
        assertEquals(413, postSlack(SlackRequests.sign(paste, SlackRequests.now())).status());
        assertEquals(413, RawHttp.post(server.uri(), "/slack/events", FORM, bytes(paste)).status());

        assertEquals(400, RawHttp.send(server.uri(), RawHttp.head("POST", "/slack/events", FORM)
                + "Transfer-Encoding: chunked\r\n\r\n", bytes("q\r\npayload=" + HostileSlackPayloads.CANARY)).status());

        // Bytes that are not UTF-8, signed as they are: the signature is over bytes, Bolt reads text.
        byte[] latin1 = ("payload=%7B%22type%22%3A%22view_submission%22%7D&x=" + HostileSlackPayloads.CANARY + "\u00e9\u0000")
                .getBytes(StandardCharsets.ISO_8859_1);
        SlackRequests.Signed signed = SlackRequests.sign(new String(latin1, StandardCharsets.ISO_8859_1), SlackRequests.now());
        String head = RawHttp.head("POST", "/slack/events", FORM) + "X-Slack-Request-Timestamp: " + signed.timestamp()
                + "\r\nX-Slack-Signature: " + hmacOverBytes(signed.timestamp(), latin1) + "\r\nContent-Length: " + latin1.length + "\r\n\r\n";
        RawHttp.Response response = RawHttp.send(server.uri(), head, latin1);
        assertTrue(response.status() >= 400 && response.status() < 500, "non-UTF-8 -> " + response.status());
        assertClean(response, "non-UTF-8");
    }

    // ---- the request line ----

    @Test
    void hostileMethodsAndPaths_getAnAnswerAndStayOutOfTheLogs() throws Exception {
        RawHttp.Response method = RawHttp.send(server.uri(), "G\u001b[31mET\u0000" + CANARY + " /healthz HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n", new byte[0]);
        assertTrue(method.status() < 500, "method -> " + method.status());
        assertClean(method, "a method with control characters");
        RawHttp.Response post = RawHttp.send(server.uri(), CANARY + " /signature HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nContent-Length: 0\r\n\r\n", new byte[0]);
        assertEquals(405, post.status());
        rest(post);
        assertClean(post, "an unknown method");
        RawHttp.Response path = RawHttp.send(server.uri(), RawHttp.head("GET", "/a\u001b[2J%00", null) + "\r\n", new byte[0]);
        assertTrue(path.status() >= 400 && path.status() < 500, "path -> " + path.status());
    }

    // ---- helpers ----

    private static RawHttp.Response postSlack(SlackRequests.Signed signed) throws Exception {
        byte[] body = bytes(signed.body());
        String head = RawHttp.head("POST", "/slack/events", FORM) + "X-Slack-Request-Timestamp: " + signed.timestamp()
                + "\r\nX-Slack-Signature: " + signed.signature() + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        return RawHttp.send(server.uri(), head, body);
    }

    private static String hmacOverBytes(String timestamp, byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(bytes(SlackRequests.SIGNING_SECRET), "HmacSHA256"));
        mac.update(bytes("v0:" + timestamp + ":"));
        return "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** An answer of the REST API, checked against the contract. */
    private static RawHttp.Response rest(RawHttp.Response response) {
        OpenApiContract.assertAnswer(response.method(), response.path(), response.status(), response.headers(),
                response.body());
        return response;
    }

    private static void assertJsonError(RawHttp.Response response, int status, String name) throws Exception {
        assertEquals(status, response.status(), name + ": " + response.body());
        rest(response);
        assertTrue(response.header("Content-Type").startsWith("application/json"), name);
        Object body = Json.parse(response.body());
        assertTrue(body instanceof Map && ((Map<?, ?>) body).get("error") instanceof String, name + ": " + response.body());
        assertClean(response, name);
    }

    private static void assertHtmlError(RawHttp.Response response, int status, String name) {
        assertEquals(status, response.status(), name);
        assertTrue(response.header("Content-Type").startsWith("text/html"), name);
        assertTrue(response.body().startsWith("<!doctype html>"), name);
        assertTrue(response.body().contains("role=\"alert\""), name + ": no error shown");
        assertClean(response, name);
    }

    /** No canary, no stack trace, no exception name. */
    private static void assertClean(RawHttp.Response response, String name) {
        for (String leak : List.of("CANARY", "Exception", "\tat ", "java.", "dev.hmac.")) {
            assertFalse(response.body().contains(leak), name + " leaked " + leak + ": " + response.body());
        }
    }

    private static Arguments json(String name, String body, int status) {
        return Arguments.of(name, bytes(body), status);
    }

    private static Arguments raw(String name, byte[] body, int status) {
        return Arguments.of(name, body, status);
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
