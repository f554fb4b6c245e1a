package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.Field;
import dev.hmac.core.audit.Failure;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.RecordedAudit;
import dev.hmac.core.testing.WrongSignatures;
import dev.hmac.core.verify.VerificationLimiter;
import dev.hmac.core.verify.Verifier;
import dev.hmac.server.sso.AlbKeyServer;
import dev.hmac.server.sso.AlbTokens;
import dev.hmac.server.sso.SsoConfig;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server with single sign-on on ({@code HMAC_ALB_ARN}): the load balancer's tokens made here with keys made
 * here, its public keys served on loopback, the real server on port 0 and a real client.
 */
class SingleSignOnTest {
    private static final KeyPair ALB_KEY = AlbTokens.p256();
    private static final KeyPair OTHER_KEY = AlbTokens.p256();
    private static final String USER = "pat@example.com";

    private final HttpClient http = HttpClient.newHttpClient();
    private final RecordedAudit audit = new RecordedAudit();
    private AlbKeyServer keys;
    private HmacServer server;

    @BeforeEach
    void start() throws Exception {
        keys = new AlbKeyServer().key(AlbTokens.KID, ALB_KEY.getPublic());
        server = HmacServer.start(ServerConfig.defaults().withPort(0)
                        .withSso(new SsoConfig(AlbTokens.ARN, keys.baseUrl())),
                VerificationLimiter.forThisMachine(new Verifier()), audit);
    }

    @AfterEach
    void stop() {
        server.close();
        keys.close();
    }

    private static long inAMinute() {
        return Instant.now().getEpochSecond() + 60;
    }

    private static String token(boolean padded) {
        return AlbTokens.sign(ALB_KEY.getPrivate(), AlbTokens.header(AlbTokens.KID, inAMinute()),
                AlbTokens.claims(USER, "0b5e1f"), padded);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path)).GET();
        if (token != null) {
            request.header("x-amzn-oidc-data", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signOnTheForm(String token, String forwardedFor) throws Exception {
        StringBuilder body = new StringBuilder();
        Map<String, String> vector = WrongSignatures.match().texts();
        for (Field field : Field.signing()) {
            String value = vector.get(field.key());
            if (value != null) {
                body.append(body.length() == 0 ? "" : "&").append(field.formName()).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return http.send(HttpRequest.newBuilder(server.uri().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("x-amzn-oidc-data", token).header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertSignInRequired(HttpResponse<String> response) {
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("<h1>Sign-in required</h1>"), response.body());
        assertEquals(List.of(), audit.entries());
    }

    @ParameterizedTest(name = "padded={0}")
    @ValueSource(booleans = {true, false})
    void validToken_paddedOrNot_showsThePage_signedInAsItsUser(boolean padded) throws Exception {
        HttpResponse<String> signing = get("/", token(padded));
        HttpResponse<String> check = get("/check", token(padded));

        assertEquals(200, signing.statusCode());
        assertTrue(signing.body().contains("Signed in as <strong>" + USER + "</strong>"), signing.body());
        assertEquals(200, check.statusCode());
        assertTrue(check.body().contains("Signed in as <strong>" + USER + "</strong>"));
        assertEquals(List.of(), audit.counts());
    }

    @Test
    void theLoadBalancersHeaders_andItsSessionCookiePassedOn_fitTheServersHeaderLimit() throws Exception {
        // ALB passes on its session cookie, up to four 4 KiB shards, beside x-amzn-oidc-data and the access token: past
        // 32 KiB in all.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.uri().resolve("/"))
                .header("x-amzn-oidc-data", token(true)).header("x-amzn-oidc-accesstoken", "a".repeat(16 * 1024))
                .header("Cookie", "AWSELBAuthSessionCookie-0=" + "c".repeat(16 * 1024))
                .header("X-Forwarded-For", "203.0.113.7").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
    }

    @Test
    void signingWhileSignedIn_isAuditedInTheUsersName_fromTheAddressTheLoadBalancerAppended() throws Exception {
        HttpResponse<String> signed = signOnTheForm(token(true), "10.9.8.7, 203.0.113.7");

        assertEquals(200, signed.statusCode());
        assertTrue(signed.body().contains("Signed in as <strong>" + USER + "</strong>"));
        assertEquals(1, audit.entries().size());
        assertEquals(Map.of("user", USER, "address", "203.0.113.7"), audit.entries().get(0).caller().actor().ids(),
                "what the client put before the load balancer's entry is its own claim");
    }

    @Test
    void noHeader_isA401Page_andCounted() throws Exception {
        assertSignInRequired(get("/", null));
        assertSignInRequired(get("/check", null));
        assertSignInRequired(get("/static/form.css", null));
        assertEquals(List.of(new RecordedAudit.Count(Failure.SIGN_IN, "missing"),
                new RecordedAudit.Count(Failure.SIGN_IN, "missing"),
                new RecordedAudit.Count(Failure.SIGN_IN, "missing")), audit.counts());
    }

    @Test
    void tokenSignedByAnotherKey_isA401() throws Exception {
        String forged = AlbTokens.sign(OTHER_KEY.getPrivate(), AlbTokens.header(AlbTokens.KID, inAMinute()),
                AlbTokens.claims(USER, null), true);

        assertSignInRequired(signOnTheForm(forged, "203.0.113.7"));
        assertEquals(List.of(new RecordedAudit.Count(Failure.SIGN_IN, "bad_signature")), audit.counts());
    }

    @Test
    void tokenOfAnotherLoadBalancer_isA401() throws Exception {
        Map<String, Object> header = AlbTokens.header(AlbTokens.KID, inAMinute());
        header.put("signer", AlbTokens.ARN.replace("hmac-form", "other-app"));

        assertSignInRequired(get("/", AlbTokens.sign(ALB_KEY.getPrivate(), header, AlbTokens.claims(USER, null), true)));
        assertEquals(List.of(new RecordedAudit.Count(Failure.SIGN_IN, "wrong_signer")), audit.counts());
    }

    @Test
    void expiredToken_isA401() throws Exception {
        String expired = AlbTokens.sign(ALB_KEY.getPrivate(),
                AlbTokens.header(AlbTokens.KID, Instant.now().getEpochSecond() - 5), AlbTokens.claims(USER, null), true);

        assertSignInRequired(get("/", expired));
        assertEquals(List.of(new RecordedAudit.Count(Failure.SIGN_IN, "expired")), audit.counts());
    }

    @Test
    void restWithoutSignIn_isA401InTheApisJson_andNothingIsSigned() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri().resolve("/signature"))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(WrongSignatures.match().request()))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
        assertTrue(((Map<?, ?>) Json.parse(response.body())).get("error") instanceof String);
        assertFalse(response.body().contains(WrongSignatures.SIGNATURE));
        assertEquals(List.of(), audit.entries());
    }

    @Test
    void healthChecks_needNoToken() throws Exception {
        HttpResponse<String> health = get("/healthz", null);

        assertEquals(200, health.statusCode());
        assertEquals(List.of(), audit.counts());
    }
}
