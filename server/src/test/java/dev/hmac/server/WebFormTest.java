package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.Field;
import dev.hmac.core.testing.HeldClock;
import dev.hmac.core.testing.RecordedAudit;
import dev.hmac.core.testing.WrongSignatures;
import dev.hmac.core.verify.VerificationLimiter;
import dev.hmac.core.verify.Verifier;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both pages of the web form on the real server (port 0), in-process and through a deployed API, with a real client. */
class WebFormTest {
    private static final String SECRET = WrongSignatures.SECRET;
    private static final Pattern CAUSE = Pattern.compile("<li data-cause=\"([a-z-]+)\">");

    private final HttpClient http = HttpClient.newHttpClient();
    private HmacServer server;
    private HmacServer deployed;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (deployed != null) {
            deployed.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A check as the form posts it: the case's fields under the form's names. */
    private static Map<String, String> form(WrongSignatures.Case check) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Field field : Field.values()) {
            String value = check.texts().get(field.key());
            if (value != null) {
                fields.put(field.formName(), value);
            }
        }
        return fields;
    }

    private static Map<String, String> vector() {
        Map<String, String> fields = new LinkedHashMap<>(form(WrongSignatures.match()));
        fields.remove("Signature");
        return fields;
    }

    private static List<String> causes(String page) {
        List<String> causes = new ArrayList<>();
        Matcher m = CAUSE.matcher(page);
        while (m.find()) {
            causes.add(m.group(1));
        }
        return causes;
    }

    private static String encoded(byte[] mac, boolean hex) {
        return hex ? HexFormat.of().formatHex(mac) : Base64.getUrlEncoder().encodeToString(mac);
    }

    private static byte[] mac(String algorithm) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal((SECRET + WrongSignatures.CALLBACK + WrongSignatures.CLIENT_ID + WrongSignatures.TIMESTAMP)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signingPage_linksTheCheckPage_hasTheSchemesClosed_andRefusesTheCheckPagesField() throws Exception {
        server = HmacServer.start(ServerConfig.defaults().withPort(0));

        String page = get("/").body();
        Map<String, String> withSignature = vector();
        withSignature.put("Signature", WrongSignatures.SIGNATURE);
        HttpResponse<String> refused = post("/", withSignature);

        assertTrue(page.contains("<a href=\"/check\">Check a signature</a>"), page);
        assertTrue(page.contains("<a href=\"/\" aria-current=\"page\">Sign</a>"), page);
        assertTrue(page.contains("<details class=\"schemes\">\n<summary>Other schemes</summary>"), page);
        assertTrue(page.contains("<select id=\"algorithm\" name=\"Algorithm\""), page);
        assertTrue(page.contains("<option value=\"sha1\">HMAC-SHA1 (weak)</option>"), page);
        assertTrue(page.contains("<option value=\"md5\">HMAC-MD5 (weak)</option>"), page);
        assertTrue(page.contains("<option value=\"sha256\" selected>HMAC-SHA256 (the default)</option>"), page);
        assertTrue(page.contains("<select id=\"encoding\" name=\"Encoding\""), page);
        assertFalse(page.contains("name=\"Signature\""), page);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("The form sent a field this page does not have."), refused.body());
    }

    @Test
    void signingWithOtherSchemes_signsWithThem_andKeepsThemForTheNextSignature() throws Exception {
        server = HmacServer.start(ServerConfig.defaults().withPort(0));
        Map<String, String> fields = vector();
        fields.put("Algorithm", "SHA-512");
        fields.put("Encoding", "hex");

        HttpResponse<String> page = post("/", fields);

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<code id=\"result-signature\">" + encoded(mac("HmacSHA512"), true)
                + "</code>"), page.body());
        assertTrue(page.body().contains("<dd id=\"result-scheme\">HMAC-SHA512, hex</dd>"), page.body());
        assertTrue(page.body().contains("<details class=\"schemes\" open>"), page.body());
        assertTrue(page.body().contains("<option value=\"sha512\" selected>"), page.body());
        assertTrue(page.body().contains("<option value=\"hex\" selected>"), page.body());
        assertTrue(page.body().contains("<a href=\"/check\">Check a signature</a></p>\n</section>"),
                "every result links the check page");
        assertFalse(page.body().contains(SECRET));
    }

    @Test
    void unknownAlgorithm_isAnErrorOnItsField_withTheSchemesOpen() throws Exception {
        server = HmacServer.start(ServerConfig.defaults().withPort(0));
        Map<String, String> fields = vector();
        fields.put("Algorithm", "sha3");

        HttpResponse<String> page = post("/", fields);

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("<p class=\"error\" id=\"algorithm-error\">Algorithm must be one of sha256"),
                page.body());
        assertTrue(page.body().contains("<details class=\"schemes\" open>"), page.body());
    }

    @Test
    void checkPage_findsEveryCauseThroughTheForm_andNeverShowsTheSecretOrTheSignatureTyped() throws Exception {
        server = HmacServer.start(ServerConfig.defaults().withPort(0));

        HttpResponse<String> match = post("/check", form(WrongSignatures.match()));
        assertEquals(200, match.statusCode(), match.body());
        assertTrue(match.body().contains("class=\"verdict-word\"><span aria-hidden=\"true\">✓ </span>Match</h2>"),
                match.body());
        assertTrue(match.body().replace("<wbr>", "").contains("<code id=\"message-to-sign\">«client secret, 16 characters» + "
                + "https://apoorva.com + LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ + 1444762678</code>"), match.body());
        for (WrongSignatures.Case wrong : WrongSignatures.oneForEachCause()) {
            HttpResponse<String> page = post("/check", form(wrong));

            assertEquals(200, page.statusCode(), wrong.name());
            String html = page.body();
            assertTrue(html.contains("No match</h2>"), wrong.name());
            assertEquals(wrong.causes(), causes(html), wrong.name());
            assertTrue(html.indexOf("verdict-word") < html.indexOf("What differs")
                    && html.indexOf("What differs") < html.indexOf("message-to-sign"), "verdict, reasons, string");
            assertTrue(html.contains("<code id=\"result-signature\">" + WrongSignatures.SIGNATURE + "</code>"), wrong.name());
            assertFalse(html.contains(SECRET), wrong.name());
            assertFalse(html.contains(wrong.signature()), wrong.name() + ": the signature typed is shown back");
            assertTrue(html.contains("value=\"" + WrongSignatures.CLIENT_ID + "\""), "what was typed stays");
        }
    }

    @Test
    void checkPage_fieldErrors_areTheRestApisWords_andTheSignatureIsRequired() throws Exception {
        server = HmacServer.start(ServerConfig.defaults().withPort(0));
        Map<String, String> fields = vector();
        fields.put("Timestamp", "1444762678123456");
        fields.put("Encoding", "base32");

        HttpResponse<String> page = post("/check", fields);
        HttpResponse<String> unknown = post("/check", Map.of("Evil", "1"));

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("<p class=\"error\" id=\"signature-error\">Signature is required.</p>"), page.body());
        assertTrue(page.body().contains("id=\"timestamp-error\">Timestamp must be between 1 and"), page.body());
        assertTrue(page.body().contains("id=\"encoding-error\">Encoding must be base64 (the default), base64url or hex."),
                page.body());
        assertEquals(400, unknown.statusCode());
    }

    @Test
    void checkPage_withEveryTurnTaken_isABusyPageWithRetryAfter_whileSigningGoesOn() throws Exception {
        CountDownLatch searching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = HmacServer.start(ServerConfig.defaults().withPort(0), new VerificationLimiter(
                new Verifier(new HeldClock(searching, release, Clock.systemUTC())), 1, Duration.ZERO), new RecordedAudit());

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/check", form(WrongSignatures.match()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(searching.await(10, TimeUnit.SECONDS));
        HttpResponse<String> busy = post("/check", form(WrongSignatures.match()));
        HttpResponse<String> signed = post("/", vector());
        release.countDown();

        assertEquals(503, busy.statusCode());
        assertEquals("1", busy.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(busy.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(busy.body().contains("<div class=\"alert\" role=\"alert\" id=\"problem\"><p>Too many signature "
                + "checks are running right now. Please try again in a second.</p></div>"), busy.body());
        assertTrue(busy.body().contains("value=\"" + WrongSignatures.CALLBACK + "\""), "ready to send again");
        assertFalse(busy.body().contains(SECRET));
        assertEquals(200, signed.statusCode());
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void apiUrlSet_bothPagesGoThroughTheDeployedApi_itsVerifyBesideItsSignature() throws Exception {
        deployed = HmacServer.start(ServerConfig.defaults().withPort(0).withApiKey("deployed-key"));
        server = HmacServer.start(ServerConfig.defaults().withPort(0).withApiKey("deployed-key")
                .withApiUrl(deployed.uri().resolve("/signature")));
        WrongSignatures.Case whitespace = WrongSignatures.oneForEachCause().get(4);
        Map<String, String> options = vector();
        options.put("Algorithm", "sha384");
        options.put("Encoding", "base64url");

        HttpResponse<String> signed = post("/", options);
        HttpResponse<String> checked = post("/check", form(whitespace));
        HttpResponse<String> invalid = post("/check", vector());

        assertEquals(200, signed.statusCode(), signed.body());
        assertTrue(signed.body().contains(encoded(mac("HmacSHA384"), false)), signed.body());
        assertTrue(signed.body().contains("HMAC-SHA384, base64url"), signed.body());
        assertEquals(200, checked.statusCode(), checked.body());
        assertEquals(List.of("whitespace"), causes(checked.body()));
        assertFalse(checked.body().contains(SECRET));
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("<p class=\"error\" id=\"signature-error\">Signature is required.</p>"),
                invalid.body());
    }

    @Test
    void apiUrlWithoutSignatureInItsPath_signsButSaysItCannotCheck() throws Exception {
        deployed = HmacServer.start(ServerConfig.defaults().withPort(0));
        server = HmacServer.start(ServerConfig.defaults().withPort(0).withApiUrl(deployed.uri().resolve("/sign")));

        HttpResponse<String> page = post("/check", form(WrongSignatures.match()));

        assertEquals(502, page.statusCode());
        assertTrue(page.body().contains("This page can&#39;t check signatures"), page.body());
    }

    @Test
    void favicon_isARealIconThatBrowsersMayKeepForADay() throws Exception {
        server = HmacServer.start(ServerConfig.defaults().withPort(0));

        HttpResponse<byte[]> icon = http.send(HttpRequest.newBuilder(server.uri().resolve("/favicon.ico")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String page = get("/check").body();

        assertEquals(200, icon.statusCode());
        assertEquals("image/x-icon", icon.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=86400", icon.headers().firstValue("Cache-Control").orElseThrow());
        byte[] body = icon.body();
        // An ICONDIR: reserved 0, type 1 (icon), then its images: 16 and 32 pixels.
        assertArrayEquals(new byte[] {0, 0, 1, 0, 2, 0}, Arrays.copyOf(body, 6));
        assertEquals(16, body[6]);
        assertEquals(32, body[6 + 16]);
        assertTrue(page.contains("<link rel=\"icon\" href=\"/favicon.ico\""), page);
    }
}
