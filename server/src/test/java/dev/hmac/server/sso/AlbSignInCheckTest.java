package dev.hmac.server.sso;

import static dev.hmac.server.sso.AlbTokens.ARN;
import static dev.hmac.server.sso.AlbTokens.KID;
import static dev.hmac.server.sso.AlbTokens.claims;
import static dev.hmac.server.sso.AlbTokens.header;
import static dev.hmac.server.sso.AlbTokens.part;
import static dev.hmac.server.sso.AlbTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens as ALB signs them, with keys made here and served by a key server on loopback. */
class AlbSignInCheckTest {
    private static final KeyPair ALB_KEY = AlbTokens.p256();
    private static final KeyPair OTHER_KEY = AlbTokens.p256();
    private static final Instant NOW = Instant.ofEpochSecond(1_760_000_000L);
    private static final long IN_A_MINUTE = NOW.getEpochSecond() + 60;

    private final TestClock clock = new TestClock(NOW);
    private AlbKeyServer keyServer;
    private AlbSignInCheck check;

    @BeforeEach
    void start() throws Exception {
        keyServer = new AlbKeyServer().key(KID, ALB_KEY.getPublic());
        check = new AlbSignInCheck(ARN, clock, new AlbPublicKeys(keyServer.baseUrl(), clock,
                AlbPublicKeys.Limits.DEFAULT));
    }

    @AfterEach
    void stop() {
        keyServer.close();
    }

    private static String token(Map<String, Object> header, Map<String, Object> claims) {
        return sign(ALB_KEY.getPrivate(), header, claims, true);
    }

    private static String valid() {
        return token(header(KID, IN_A_MINUTE), claims("pat@example.com", "0b5e1f"));
    }

    private SignIn.Refused refused(String headerValue) {
        SignIn signIn = check.check(headerValue);
        assertTrue(signIn instanceof SignIn.Refused, "signed in: " + signIn);
        return (SignIn.Refused) signIn;
    }

    private void assertRefused(SignInRefusal reason, String headerValue) {
        assertEquals(reason, refused(headerValue).reason());
    }

    @Test
    void validToken_signsInItsEmail() {
        assertEquals(new SignIn.SignedIn("pat@example.com"), check.check(valid()));
        assertEquals(List.of("/" + KID), keyServer.paths());
    }

    @Test
    void validTokenWithoutEmail_signsInItsSub() {
        assertEquals(new SignIn.SignedIn("0b5e1f"), check.check(token(header(KID, IN_A_MINUTE), claims(null, "0b5e1f"))));
        assertEquals(new SignIn.SignedIn("0b5e1f"), check.check(token(header(KID, IN_A_MINUTE), claims(" ", "0b5e1f"))));
    }

    @Test
    void validTokenWithNeitherEmailNorSub_isRefusedAsNoUser() {
        assertRefused(SignInRefusal.NO_USER, token(header(KID, IN_A_MINUTE), claims(null, null)));
        assertRefused(SignInRefusal.NO_USER, token(header(KID, IN_A_MINUTE), claims("", "")));
    }

    /** With a filler field grown until its JSON's length is not a multiple of 3: its base64 then needs padding. */
    private static Map<String, Object> padded(Map<String, Object> object) {
        object.put("x", "");
        while (Json.write(object).length() % 3 == 0) {
            object.put("x", object.get("x") + "x");
        }
        return object;
    }

    @ParameterizedTest(name = "padded {0}")
    @ValueSource(booleans = {true, false})
    void paddedAndUnpaddedEncodings_bothSignIn(boolean padded) {
        String token = sign(ALB_KEY.getPrivate(), padded(header(KID, IN_A_MINUTE)), padded(claims("pat@ex.com", "s")),
                padded);
        for (String part : token.split("\\.")) {
            assertEquals(padded, part.endsWith("="), part);
        }

        assertEquals(new SignIn.SignedIn("pat@ex.com"), check.check(token));
    }

    @Test
    void paddingStrippedFromASignedToken_isABadSignature() {
        // ALB signs the parts with their padding: the same bytes encoded otherwise are another message.
        String token = sign(ALB_KEY.getPrivate(), padded(header(KID, IN_A_MINUTE)), padded(claims("pat@ex.com", "s")),
                true);
        String[] parts = token.split("\\.");

        assertRefused(SignInRefusal.BAD_SIGNATURE, parts[0].replace("=", "") + "." + parts[1].replace("=", "")
                + "." + parts[2]);
    }

    @Test
    void tokenSignedByAnotherKey_isABadSignature() {
        assertRefused(SignInRefusal.BAD_SIGNATURE,
                sign(OTHER_KEY.getPrivate(), header(KID, IN_A_MINUTE), claims("pat@example.com", "s"), true));
    }

    @Test
    void claimsChangedAfterSigning_areABadSignature() {
        String[] parts = valid().split("\\.");
        String forged = part(Json.write(claims("admin@example.com", "s")), true);

        assertRefused(SignInRefusal.BAD_SIGNATURE, parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void signaturesThatAreNotTheKeys_areBadSignatures() {
        String signingInput = valid().substring(0, valid().lastIndexOf('.'));
        byte[] good = AlbTokens.es256(ALB_KEY.getPrivate(), signingInput);
        byte[] flipped = good.clone();
        flipped[10] ^= 1;
        byte[] nOrder = Es256.P256.getOrder().toByteArray();
        byte[] orderAsR = new byte[64];
        System.arraycopy(nOrder, nOrder.length - 32, orderAsR, 0, 32);
        System.arraycopy(good, 32, orderAsR, 32, 32);

        for (byte[] signature : List.of(flipped, new byte[64], orderAsR, Arrays.copyOf(good, 63),
                Arrays.copyOf(good, 65), new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01})) {
            assertRefused(SignInRefusal.BAD_SIGNATURE, signingInput + "." + part(signature, true));
        }
    }

    @Test
    void anotherSigner_isRefusedBeforeAnyKeyIsFetched() {
        Map<String, Object> header = header(KID, IN_A_MINUTE);
        header.put("signer", ARN.replace("50dc6c495c0c9188", "50dc6c495c0c9189"));

        assertRefused(SignInRefusal.WRONG_SIGNER, token(header, claims("pat@example.com", "s")));
        header.put("signer", ARN.toUpperCase());
        assertRefused(SignInRefusal.WRONG_SIGNER, token(header, claims("pat@example.com", "s")));
        assertEquals(List.of(), keyServer.paths());
    }

    @Test
    void expiredToken_isRefusedBeforeAnyKeyIsFetched() {
        assertRefused(SignInRefusal.EXPIRED, token(header(KID, NOW.getEpochSecond()), claims("pat@example.com", "s")));
        assertRefused(SignInRefusal.EXPIRED, token(header(KID, NOW.getEpochSecond() - 3600), claims("p@e.com", "s")));
        assertEquals(List.of(), keyServer.paths());
    }

    @Test
    void tokenValidUntilItsExp_thenExpired() {
        String token = valid();
        assertEquals(new SignIn.SignedIn("pat@example.com"), check.check(token));

        clock.advance(Duration.ofSeconds(60));

        assertRefused(SignInRefusal.EXPIRED, token);
    }

    @Test
    void claimsExpiredThoughTheHeaderIsNot_isExpired() {
        Map<String, Object> claims = claims("pat@example.com", "s");
        claims.put("exp", NOW.getEpochSecond() - 1);

        assertRefused(SignInRefusal.EXPIRED, token(header(KID, IN_A_MINUTE), claims));
    }

    @Test
    void expAsADigitString_isRead() {
        Map<String, Object> header = header(KID, IN_A_MINUTE);
        header.put("exp", Long.toString(IN_A_MINUTE));

        assertEquals(new SignIn.SignedIn("pat@example.com"), check.check(token(header, claims("pat@example.com", "s"))));
    }

    @Test
    void tokenSentAgain_isNotCheckedAgainUntilItExpires() {
        AtomicInteger lookups = new AtomicInteger();
        AlbSignInCheck counting = new AlbSignInCheck(ARN, clock, kid -> {
            lookups.incrementAndGet();
            return AlbKeySource.KeyLookup.found((ECPublicKey) ALB_KEY.getPublic());
        });
        String token = valid();

        for (int i = 0; i < 10; i++) {
            assertEquals(new SignIn.SignedIn("pat@example.com"), counting.check(token));
        }
        assertEquals(1, lookups.get());

        clock.advance(Duration.ofSeconds(60));

        assertEquals(new SignIn.Refused(SignInRefusal.EXPIRED), counting.check(token));
    }

    @Test
    void refusedToken_isCheckedAgainEachTime() {
        AtomicInteger lookups = new AtomicInteger();
        AlbSignInCheck counting = new AlbSignInCheck(ARN, clock, kid -> {
            lookups.incrementAndGet();
            return AlbKeySource.KeyLookup.found((ECPublicKey) ALB_KEY.getPublic());
        });
        String forged = sign(OTHER_KEY.getPrivate(), header(KID, IN_A_MINUTE), claims("pat@example.com", "s"), true);

        assertEquals(new SignIn.Refused(SignInRefusal.BAD_SIGNATURE), counting.check(forged));
        assertEquals(new SignIn.Refused(SignInRefusal.BAD_SIGNATURE), counting.check(forged));
        assertEquals(2, lookups.get());
    }

    @Test
    void noHeader_isMissing() {
        assertRefused(SignInRefusal.MISSING, null);
        assertRefused(SignInRefusal.MISSING, "");
        assertRefused(SignInRefusal.MISSING, "  ");
        assertEquals(new SignIn.Refused(SignInRefusal.MISSING), check.check(List.of()));
        assertEquals(new SignIn.Refused(SignInRefusal.MISSING), check.check((List<String>) null));
    }

    @Test
    void headerSentTwice_isMalformed() {
        assertEquals(new SignIn.Refused(SignInRefusal.MALFORMED), check.check(List.of(valid(), valid())));
        assertEquals(new SignIn.SignedIn("pat@example.com"), check.check(List.of(valid())));
    }

    static Stream<Arguments> malformedHeaders() {
        String header = part(Json.write(header(KID, IN_A_MINUTE)), true);
        String claims = part(Json.write(claims("pat@example.com", "s")), true);
        String signature = part(new byte[64], true);
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("garbage", "garbage"));
        cases.add(Arguments.of("one dot", header + "." + claims));
        cases.add(Arguments.of("four parts", header + "." + claims + "." + signature + "." + signature));
        cases.add(Arguments.of("empty parts", ".."));
        cases.add(Arguments.of("no signature", header + "." + claims + "."));
        cases.add(Arguments.of("no header", "." + claims + "." + signature));
        cases.add(Arguments.of("standard base64 characters", header + "." + claims + "." + signature.replace('A', '+')));
        cases.add(Arguments.of("a character outside base64", header + "." + claims + "!." + signature));
        cases.add(Arguments.of("wrong padding", header + "." + claims + "." + signature.replace("==", "=")));
        cases.add(Arguments.of("spaces around", " " + header + "." + claims + "." + signature + " "));
        cases.add(Arguments.of("header not JSON", part("{\"alg\":\"ES256\"", true) + "." + claims + "." + signature));
        cases.add(Arguments.of("header a JSON array", part("[\"ES256\"]", true) + "." + claims + "." + signature));
        cases.add(Arguments.of("claims a JSON string", header + "." + part("\"pat\"", true) + "." + signature));
        cases.add(Arguments.of("duplicate names", part("{\"alg\":\"ES256\",\"alg\":\"none\"}", true) + "." + claims
                + "." + signature));
        cases.add(Arguments.of("invalid UTF-8", part(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, true)
                + "." + claims + "." + signature));
        cases.add(Arguments.of("too long", header + "." + part("x".repeat(AlbSignInCheck.MAX_TOKEN_CHARS), false)
                + "." + signature));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHeaders")
    void malformedHeader_isMalformed(String what, String headerValue) {
        assertRefused(SignInRefusal.MALFORMED, headerValue);
        assertEquals(List.of(), keyServer.paths());
    }

    @Test
    void headerWithoutAFieldAlbAlwaysSets_isMalformed() {
        for (String field : List.of("alg", "signer", "exp", "kid")) {
            Map<String, Object> header = header(KID, IN_A_MINUTE);
            header.remove(field);
            assertRefused(SignInRefusal.MALFORMED, token(header, claims("pat@example.com", "s")));
        }
        Map<String, Object> header = header(KID, IN_A_MINUTE);
        header.put("exp", "tomorrow");
        assertRefused(SignInRefusal.MALFORMED, token(header, claims("pat@example.com", "s")));
        header = header(KID, IN_A_MINUTE);
        header.put("kid", 7);
        assertRefused(SignInRefusal.MALFORMED, token(header, claims("pat@example.com", "s")));
    }

    @Test
    void criticalExtensions_areMalformed() {
        Map<String, Object> header = header(KID, IN_A_MINUTE);
        header.put("crit", List.of("exp"));

        assertRefused(SignInRefusal.MALFORMED, token(header, claims("pat@example.com", "s")));
    }

    @ParameterizedTest(name = "alg {0}")
    @ValueSource(strings = {"none", "None", "HS256", "RS256", "ES384", "es256", "ES256 "})
    void anyAlgorithmButEs256_isRefused(String alg) {
        Map<String, Object> header = header(KID, IN_A_MINUTE);
        header.put("alg", alg);

        assertRefused(SignInRefusal.UNSUPPORTED_ALGORITHM, token(header, claims("pat@example.com", "s")));
    }

    @Test
    void unsignedToken_isRefused() {
        Map<String, Object> header = header(KID, IN_A_MINUTE);
        header.put("alg", "none");
        String unsigned = part(Json.write(header), false) + "." + part(Json.write(claims("pat@example.com", "s")), false);

        assertRefused(SignInRefusal.MALFORMED, unsigned + ".");
        assertRefused(SignInRefusal.UNSUPPORTED_ALGORITHM, unsigned + "." + part(new byte[64], false));
    }

    @Test
    void hs256SignedWithThePublicKeyAsItsSecret_isRefused() throws Exception {
        // The classic confusion: a verifier that takes alg from the token checks an HMAC keyed with the PEM it has.
        Map<String, Object> header = header(KID, IN_A_MINUTE);
        header.put("alg", "HS256");
        String signingInput = part(Json.write(header), true) + "." + part(Json.write(claims("admin@ex.com", "s")), true);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(AlbKeyServer.pem(ALB_KEY.getPublic()).getBytes(StandardCharsets.US_ASCII),
                "HmacSHA256"));
        String token = signingInput + "." + part(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)), true);

        assertRefused(SignInRefusal.UNSUPPORTED_ALGORITHM, token);
    }

    @Test
    void unknownKid_isAnUnknownKey() {
        assertRefused(SignInRefusal.UNKNOWN_KEY, sign(OTHER_KEY.getPrivate(),
                header("0d7e9a51-7d7f-4f27-a8a7-3d4c9a9b2e10", IN_A_MINUTE), claims("pat@example.com", "s"), true));
        assertEquals(List.of("/0d7e9a51-7d7f-4f27-a8a7-3d4c9a9b2e10"), keyServer.paths());
    }

    @ParameterizedTest(name = "kid {0}")
    @ValueSource(strings = {"../" + KID, "..", "a/b", "%2e%2e", "kid?x=1", "kid#x", "k id", "", "ünï", "a:b",
            "http://169.254.169.254/latest/meta-data/"})
    void kidWithCharactersAlbNeverUses_isNeverFetched(String kid) {
        assertRefused(SignInRefusal.BAD_KEY_ID, token(header(kid, IN_A_MINUTE), claims("pat@example.com", "s")));
        assertEquals(List.of(), keyServer.paths());
    }

    @Test
    void refusals_sayNothingOfTheToken() {
        String token = token(header("../x", IN_A_MINUTE), claims("pat@example.com", "s"));
        SignIn signIn = check.check(token);

        assertFalse(signIn.toString().contains("pat@example.com"));
        assertFalse(signIn.toString().contains("../x"));
        assertEquals("bad_key_id", ((SignIn.Refused) signIn).reason().code());
    }
}
