package dev.hmac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.HeldClock;
import dev.hmac.core.testing.WrongSignatures;
import dev.hmac.core.verify.VerificationLimiter;
import dev.hmac.core.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VerificationEndpointTest {
    private static final String SECRET = WrongSignatures.SECRET;
    /** An hour after the vector's timestamp: checks without one search around it. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1444762678L + 3600), ZoneOffset.UTC);

    private final VerificationEndpoint endpoint = new VerificationEndpoint(new Verifier(CLOCK));
    private final SignatureEndpoint signing = new SignatureEndpoint(new Signer(CLOCK));

    private ApiResponse post(String body) {
        return checked(endpoint.verify(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static ApiResponse checked(ApiResponse response) {
        OpenApiContract.assertAnswer("POST", VerificationEndpoint.PATH, response.status(), response.headers(),
                response.body());
        return response;
    }

    private ApiResponse post(Map<String, Object> body) {
        return post(Json.write(body));
    }

    private static Map<?, ?> json(ApiResponse response) throws Exception {
        return (Map<?, ?>) Json.parse(response.body());
    }

    private static List<Object> causes(Map<?, ?> verdict) {
        List<Object> causes = new ArrayList<>();
        for (Object explanation : (List<?>) verdict.get("explanations")) {
            causes.add(((Map<?, ?>) explanation).get("cause"));
        }
        return causes;
    }

    @Test
    void rightSignature_isAMatchWithTheStringToSignAndNeverTheSecret() throws Exception {
        ApiResponse response = post(WrongSignatures.match().request());

        assertEquals(200, response.status());
        assertEquals("{\"match\":true,\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"timestamp\":\"1444762678\",\"algorithm\":\"sha256\",\"encoding\":\"base64\","
                + "\"signature\":\"WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=\",\"message_to_sign\":{\"text\":"
                + "\"«client secret, 16 characters» + https://apoorva.com + LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ + 1444762678\","
                + "\"bytes\":77},\"explanations\":[],\"complete\":true}", response.body());
        assertEquals("no-store", response.headers().get("Cache-Control"));
        assertFalse(response.body().contains(SECRET));
    }

    static List<WrongSignatures.Case> wrongSignatures() {
        return WrongSignatures.oneForEachCause();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongSignatures")
    void wrongSignature_isA200WithTheRightOneAndWhatDiffers(WrongSignatures.Case wrong) throws Exception {
        ApiResponse response = post(wrong.request());

        assertEquals(200, response.status(), response.body());
        Map<?, ?> verdict = json(response);
        assertEquals(false, verdict.get("match"));
        assertEquals(WrongSignatures.SIGNATURE, verdict.get("signature"));
        assertEquals(wrong.causes(), causes(verdict));
        assertEquals(true, verdict.get("complete"));
        for (Object explanation : (List<?>) verdict.get("explanations")) {
            assertTrue(((String) ((Map<?, ?>) explanation).get("message")).length() > 20, explanation.toString());
        }
        assertFalse(response.body().contains(SECRET));
    }

    @Test
    void explanationDetails_standBesideCauseAndMessage() throws Exception {
        WrongSignatures.Case later = WrongSignatures.oneForEachCause().get(2);

        Map<?, ?> explanation = (Map<?, ?>) ((List<?>) json(post(later.request())).get("explanations")).get(0);

        assertEquals(List.of("cause", "message", "timestamp", "time", "offset_seconds"), List.copyOf(explanation.keySet()));
        assertEquals("1444762978", explanation.get("timestamp"));
        assertEquals("2015-10-13T19:02:58Z", explanation.get("time"));
        assertEquals(300L, ((Number) explanation.get("offset_seconds")).longValue());
    }

    @Test
    void noTimestamp_findsTheOneThatWasSigned() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>(WrongSignatures.match().request());
        request.remove("timestamp");

        Map<?, ?> verdict = json(post(request));

        assertEquals(true, verdict.get("match"));
        assertEquals(WrongSignatures.TIMESTAMP, verdict.get("timestamp"));
    }

    @Test
    void millisecondTimestamp_isTakenAndExplained_whereSigningRefusesIt() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>(WrongSignatures.match().request());
        request.put("timestamp", 1444762678000L);

        Map<?, ?> verdict = json(post(request));
        request.remove("signature");
        ApiResponse signed = signing.sign(Json.write(request).getBytes(StandardCharsets.UTF_8));

        assertEquals(false, verdict.get("match"));
        assertEquals(List.of("milliseconds"), causes(verdict));
        assertEquals("1444762678", verdict.get("timestamp"));
        assertEquals(400, signed.status());
        assertEquals("Timestamp must be in seconds, not milliseconds: Unix seconds have at most 10 digits, like "
                + "1444762678.", json(signed).get("error"));
    }

    @Test
    void options_areReadAsSigningReadsThem() throws Exception {
        Map<String, Object> sign = new LinkedHashMap<>(WrongSignatures.match().request());
        sign.remove("signature");
        sign.put("algorithm", "HmacSHA512");
        sign.put("encoding", "base64url");
        Map<?, ?> signed = json(signing.sign(Json.write(sign).getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> check = new LinkedHashMap<>(sign);
        check.put("signature", signed.get("signature"));

        Map<?, ?> verdict = json(post(check));

        assertEquals(true, verdict.get("match"), verdict.toString());
        assertEquals("sha512", verdict.get("algorithm"));
        assertEquals("base64url", verdict.get("encoding"));
    }

    @Test
    void brokenRules_getTheSameAnswerAsSigning() throws Exception {
        Map<String, Object> sign = new LinkedHashMap<>();
        sign.put("callback", "apoorva.com");
        sign.put("clientid", "");
        sign.put("clientsecret", SECRET);
        sign.put("timestamp", "yesterday");
        sign.put("algorithm", "sha3");
        Map<String, Object> check = new LinkedHashMap<>(sign);
        check.put("signature", "c2ln");

        ApiResponse signed = signing.sign(Json.write(sign).getBytes(StandardCharsets.UTF_8));
        ApiResponse checked = post(check);

        assertEquals(400, checked.status());
        assertEquals(signed.body(), checked.body());
        assertFalse(checked.body().contains(SECRET));
    }

    @Test
    void signature_isRequiredText_ofAtMost1024Characters() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>(WrongSignatures.match().request());
        request.remove("signature");
        ApiResponse missing = post(request);
        request.put("signature", "A".repeat(1025));
        ApiResponse tooLong = post(request);
        request.put("signature", List.of("c2ln"));
        ApiResponse notText = post(request);

        assertEquals(Map.of("signature", "Signature is required."), json(missing).get("errors"));
        assertEquals("signature", json(tooLong).get("field"));
        assertEquals("Signature is too long: it can have at most 1024 characters.", json(tooLong).get("error"));
        assertEquals("Signature must be text (a JSON string).", json(notText).get("error"));
    }

    @Test
    void malformedBodies_getTheJsonErrorsOfSigning_namingTheSignature() throws Exception {
        assertEquals("The request body is empty. Send a JSON object with callback, clientid, clientsecret, signature "
                + "and, optionally, timestamp, algorithm and encoding.", json(post("")).get("error"));
        assertTrue(((String) json(post("[1]")).get("error")).startsWith("The request body must be a JSON object."));
        assertEquals("Unknown field \"Signature\": did you mean \"signature\"? Field names are lowercase.",
                json(post("{\"Signature\":\"x\"}")).get("error"));
        assertEquals(413, post("{\"signature\":\"" + "x".repeat(16 * 1024) + "\"}").status());
    }

    @Test
    void everyTurnTaken_isA503WithRetryAfter() throws Exception {
        CountDownLatch searching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The first check holds the only turn while it reads the clock.
        Clock held = new HeldClock(searching, release, CLOCK);
        VerificationEndpoint limited = new VerificationEndpoint(new VerificationLimiter(new Verifier(held), 1, Duration.ZERO));
        byte[] body = Json.write(WrongSignatures.match().request()).getBytes(StandardCharsets.UTF_8);

        CompletableFuture<ApiResponse> first = CompletableFuture.supplyAsync(() -> limited.verify(body));
        assertTrue(searching.await(10, TimeUnit.SECONDS));
        ApiResponse busy = checked(limited.verify(body));
        release.countDown();

        assertEquals(503, busy.status());
        assertEquals("1", busy.headers().get("Retry-After"));
        assertEquals("Too many signature checks are running right now. Please try again in a second.",
                json(busy).get("error"));
        assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
    }
}
