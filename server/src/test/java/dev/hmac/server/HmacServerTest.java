package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.HeldClock;
import dev.hmac.core.testing.RecordedAudit;
import dev.hmac.core.testing.WrongSignatures;
import dev.hmac.core.verify.VerificationLimiter;
import dev.hmac.core.verify.Verifier;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real server on port 0, called with a real HTTP client. */
class HmacServerTest {
    private static final String SECRET = "S6meLXlUY00YVML3";
    private static final String VECTOR = "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
            + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"timestamp\":1444762678}";
    private static final String SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    private final HttpClient http = HttpClient.newHttpClient();
    private HmacServer server;
    private HmacServer other;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (other != null) {
            other.close();
        }
    }

    private HmacServer start(ServerConfig config) throws IOException {
        return HmacServer.start(config.withPort(0));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(URI base, String body, String apiKey) throws Exception {
        return postJson(base, "/signature", body, apiKey);
    }

    private HttpResponse<String> postJson(URI base, String path, String body, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        return rest(send(request));
    }

    /** An answer of the REST API, checked against the contract. */
    private static HttpResponse<String> rest(HttpResponse<String> response) {
        OpenApiContract.assertAnswer(response);
        return response;
    }

    private HttpResponse<String> postForm(URI base, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return postFormRaw(base, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postFormRaw(URI base, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(base)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static Map<?, ?> json(HttpResponse<String> response) throws Exception {
        return (Map<?, ?>) Json.parse(response.body());
    }

    @Test
    void restVector_isSignedInProcessWithoutTheSecret() throws Exception {
        server = start(ServerConfig.defaults());

        HttpResponse<String> response = postJson(server.uri(), VECTOR, null);

        assertEquals(200, response.statusCode());
        assertEquals(SIGNATURE, json(response).get("signature"));
        assertEquals("1444762678", json(response).get("timestamp"));
        assertFalse(response.body().contains(SECRET));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    }

    @Test
    void restBadInput_gets4xxJsonErrors() throws Exception {
        server = start(ServerConfig.defaults());
        URI base = server.uri();

        HttpResponse<String> badJson = postJson(base, "{nope", null);
        HttpResponse<String> badField = postJson(base, VECTOR.replace("https://apoorva.com", "apoorva.com"), null);
        HttpResponse<String> tooLarge = postJson(base, "{\"callback\":\"" + "x".repeat(17 * 1024) + "\"}", null);
        HttpResponse<String> get = rest(send(HttpRequest.newBuilder(base.resolve("/signature")).GET()));
        HttpResponse<String> unknown = rest(send(HttpRequest.newBuilder(base.resolve("/nope")).GET()));

        assertEquals(400, badJson.statusCode());
        assertTrue(json(badJson).get("error").toString().startsWith("The request body is not valid JSON"));
        assertEquals(400, badField.statusCode());
        assertEquals("callback", json(badField).get("field"));
        assertFalse(badField.body().contains(SECRET));
        assertEquals(413, tooLarge.statusCode());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertEquals(404, unknown.statusCode());
        assertTrue(json(unknown).containsKey("error"));
    }

    @Test
    void restVerify_saysWhetherItMatchesAndWhatDiffers_forEveryCause() throws Exception {
        server = start(ServerConfig.defaults());

        HttpResponse<String> match = postJson(server.uri(), "/verify", Json.write(WrongSignatures.match().request()), null);
        assertEquals(200, match.statusCode());
        assertEquals(true, json(match).get("match"));
        for (WrongSignatures.Case wrong : WrongSignatures.oneForEachCause()) {
            HttpResponse<String> response = postJson(server.uri(), "/verify", Json.write(wrong.request()), null);

            assertEquals(200, response.statusCode(), wrong.name());
            Map<?, ?> verdict = json(response);
            assertEquals(false, verdict.get("match"), wrong.name());
            assertEquals(wrong.causes(), causes(verdict), wrong.name());
            assertEquals(SIGNATURE, verdict.get("signature"));
            assertFalse(response.body().contains(SECRET), wrong.name());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        }
    }

    @Test
    void restVerify_takesPostOnlyAndTheApiKey_asSigningDoes() throws Exception {
        server = start(ServerConfig.defaults().withApiKey("k3y-for-tests"));
        String check = Json.write(WrongSignatures.match().request());

        HttpResponse<String> get = rest(send(HttpRequest.newBuilder(server.uri().resolve("/verify")).GET()));
        HttpResponse<String> invalid = postJson(server.uri(), "/verify", check.replace("https://apoorva.com", "apoorva.com"),
                "k3y-for-tests");

        assertEquals(403, postJson(server.uri(), "/verify", check, null).statusCode());
        assertEquals(403, postJson(server.uri(), "/verify", check, "k3y-for-test").statusCode());
        assertEquals(200, postJson(server.uri(), "/verify", check, "k3y-for-tests").statusCode());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        assertEquals(400, invalid.statusCode());
        assertEquals("callback", json(invalid).get("field"));
        assertEquals(413, postJson(server.uri(), "/verify", "{\"signature\":\"" + "x".repeat(17 * 1024) + "\"}",
                "k3y-for-tests").statusCode());
    }

    @Test
    void restVerify_withEveryTurnTaken_gets503AndRetryAfter_whileSigningGoesOn() throws Exception {
        CountDownLatch searching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = HmacServer.start(ServerConfig.defaults().withPort(0), new VerificationLimiter(
                new Verifier(new HeldClock(searching, release, Clock.systemUTC())), 1, Duration.ZERO), new RecordedAudit());
        String check = Json.write(WrongSignatures.match().request());

        CompletableFuture<HttpResponse<String>> first = http.sendAsync(HttpRequest.newBuilder(server.uri().resolve("/verify"))
                .POST(HttpRequest.BodyPublishers.ofString(check)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(searching.await(10, TimeUnit.SECONDS));
        HttpResponse<String> busy = postJson(server.uri(), "/verify", check, null);
        HttpResponse<String> signed = postJson(server.uri(), VECTOR, null);
        release.countDown();

        assertEquals(503, busy.statusCode());
        assertEquals("1", busy.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(((String) json(busy).get("error")).startsWith("Too many signature checks are running right now."));
        assertEquals(200, signed.statusCode());
        assertEquals(200, rest(first.get(10, TimeUnit.SECONDS)).statusCode());
    }

    private static List<Object> causes(Map<?, ?> verdict) {
        List<Object> causes = new ArrayList<>();
        for (Object explanation : (List<?>) verdict.get("explanations")) {
            causes.add(((Map<?, ?>) explanation).get("cause"));
        }
        return causes;
    }

    @Test
    void twoMebibytePastes_get413NotAConnectionReset() throws Exception {
        server = start(ServerConfig.defaults());
        String paste = "x".repeat(2 * 1024 * 1024);

        // Refused unread; before the fix, closing on the unread rest reset the connection now and then.
        for (int i = 0; i < 10; i++) {
            assertEquals(413, postJson(server.uri(), paste, null).statusCode());
            assertEquals(413, postFormRaw(server.uri(), paste.getBytes(StandardCharsets.US_ASCII)).statusCode());
        }
    }

    @Test
    void apiKeySet_restRequiresTheExactHeader() throws Exception {
        server = start(ServerConfig.defaults().withApiKey("k3y-for-tests"));

        assertEquals(403, postJson(server.uri(), VECTOR, null).statusCode());
        assertEquals(403, postJson(server.uri(), VECTOR, "k3y-for-test").statusCode());
        assertEquals(403, postJson(server.uri(), VECTOR, "k3y-for-testsX").statusCode());
        HttpResponse<String> ok = postJson(server.uri(), VECTOR, "k3y-for-tests");
        assertEquals(200, ok.statusCode());
        assertEquals(SIGNATURE, json(ok).get("signature"));
    }

    @Test
    void healthz_answers200() throws Exception {
        server = start(ServerConfig.defaults());

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri().resolve("/healthz")).GET());

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"ok\"}", response.body());
    }

    @Test
    void formPage_hasTheOriginalFieldNamesAndStrictHeaders() throws Exception {
        server = start(ServerConfig.defaults());

        HttpResponse<String> page = send(HttpRequest.newBuilder(server.uri()).GET());

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("name=\"Callback\""));
        assertTrue(page.body().contains("name=\"ClientID\""));
        assertTrue(page.body().contains("name=\"ClientSecret\" type=\"password\""));
        assertTrue(page.body().contains("name=\"Timestamp\""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(200, send(HttpRequest.newBuilder(server.uri().resolve("/static/form.js")).GET()).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(server.uri().resolve("/static/form.css")).GET()).statusCode());
    }

    @Test
    void formSubmit_showsTheSignatureAndNeverTheSecret() throws Exception {
        server = start(ServerConfig.defaults());

        HttpResponse<String> page = postForm(server.uri(), Map.of("Callback", "https://apoorva.com",
                "ClientID", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "ClientSecret", SECRET, "Timestamp", "1444762678"));

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<code id=\"result-signature\">" + SIGNATURE + "</code>"), page.body());
        assertTrue(page.body().contains("(2015-10-13 18:57:58 UTC)"));
        assertFalse(page.body().contains(SECRET));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void formSubmit_escapesEverythingItShows() throws Exception {
        server = start(ServerConfig.defaults());

        HttpResponse<String> signed = postForm(server.uri(), Map.of("Callback", "https://a.com/?q=1&r=2\"><script>alert(0)</script>",
                "ClientID", "<img src=x onerror=alert(1)>", "ClientSecret", "s"));
        HttpResponse<String> refused = postForm(server.uri(), Map.of("Callback", "\"><script>alert(1)</script>",
                "ClientID", "\"><script>alert(2)</script>", "ClientSecret", "s"));

        assertEquals(200, signed.statusCode());
        assertFalse(signed.body().contains("<img src=x"));
        assertTrue(signed.body().contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(signed.body().replace("<wbr>", "").contains(
                "https://a.com/?q=1&amp;r=2&quot;&gt;&lt;script&gt;alert(0)&lt;/script&gt;"));
        assertFalse(signed.body().contains("<script>alert"));
        assertEquals(400, refused.statusCode());
        assertFalse(refused.body().contains("<script>alert"));
        assertTrue(refused.body().contains("value=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\""));
    }

    @Test
    void formErrors_appearInlineByFieldAndKeepWhatWasTypedExceptTheSecret() throws Exception {
        server = start(ServerConfig.defaults());

        HttpResponse<String> page = postForm(server.uri(), Map.of("Callback", "apoorva.com", "ClientID", "my-id",
                "ClientSecret", SECRET, "Timestamp", "yesterday"));

        assertEquals(400, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("<p class=\"error\" id=\"callback-error\">Callback URL must be a full web address"));
        assertTrue(html.contains("<p class=\"error\" id=\"timestamp-error\">Timestamp must be a whole number"));
        assertTrue(html.contains("value=\"apoorva.com\""));
        assertTrue(html.contains("value=\"my-id\""));
        assertTrue(html.contains("<details class=\"earlier\" open>"));
        assertFalse(html.contains(SECRET));
    }

    @Test
    void malformedFormData_gets400() throws Exception {
        server = start(ServerConfig.defaults());

        HttpResponse<String> invalidUtf8 = postFormRaw(server.uri(), "Callback=%C3%28&ClientID=a&ClientSecret=b".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> twice = postFormRaw(server.uri(), "ClientID=a&ClientID=b".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> unknown = postFormRaw(server.uri(), "Evil=1".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> brokenEscape = postFormRaw(server.uri(), "ClientID=%G1".getBytes(StandardCharsets.US_ASCII));

        assertEquals(400, invalidUtf8.statusCode());
        assertTrue(invalidUtf8.body().contains("not valid UTF-8"));
        assertEquals(400, twice.statusCode());
        assertEquals(400, unknown.statusCode());
        assertEquals(400, brokenEscape.statusCode());
    }

    @Test
    void apiUrlSet_formSignsThroughTheDeployedEndpointWithTheKey() throws Exception {
        other = start(ServerConfig.defaults().withApiKey("deployed-key"));
        server = start(ServerConfig.defaults().withApiKey("deployed-key").withApiUrl(other.uri().resolve("/signature")));

        HttpResponse<String> page = postForm(server.uri(), Map.of("Callback", "https://apoorva.com",
                "ClientID", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "ClientSecret", SECRET, "Timestamp", "1444762678"));
        HttpResponse<String> errors = postForm(server.uri(), Map.of("Callback", "nope", "ClientID", "i", "ClientSecret", SECRET));

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(SIGNATURE));
        assertEquals(400, errors.statusCode());
        assertTrue(errors.body().contains("id=\"callback-error\""));
    }

    @Test
    void deployedEndpointRefusesTheKey_formSaysSoWithoutDetails() throws Exception {
        other = start(ServerConfig.defaults().withApiKey("deployed-key"));
        server = start(ServerConfig.defaults().withApiKey("wrong-key").withApiUrl(other.uri().resolve("/signature")));

        HttpResponse<String> page = postForm(server.uri(), Map.of("Callback", "https://apoorva.com", "ClientID", "i",
                "ClientSecret", SECRET));

        assertEquals(502, page.statusCode());
        assertTrue(page.body().contains("The signing service refused this page&#39;s API key."));
    }

    @Test
    void deployedEndpointDown_formSaysItIsUnreachable() throws Exception {
        other = start(ServerConfig.defaults());
        URI gone = other.uri().resolve("/signature");
        other.close();
        other = null;
        server = start(ServerConfig.defaults().withApiUrl(gone));

        HttpResponse<String> page = postForm(server.uri(), Map.of("Callback", "https://apoorva.com", "ClientID", "i",
                "ClientSecret", SECRET));

        assertEquals(502, page.statusCode());
        assertTrue(page.body().contains("The signing service is not reachable right now."));
    }
}
