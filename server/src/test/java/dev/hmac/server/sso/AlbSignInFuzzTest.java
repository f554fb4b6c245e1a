package dev.hmac.server.sso;

import static dev.hmac.server.sso.AlbTokens.ARN;
import static dev.hmac.server.sso.AlbTokens.KID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Any header value signs someone in exactly when ALB signed it for this load balancer: never an exception, never a
 * sign-in that ALB's rules refuse, nor a refusal of what they accept. An input that is a JSON object
 * {@code {"header": {...}, "claims": {...}, "padded": true, "tamper": 7}} is signed here with the load balancer's
 * key (and one character of its signed parts changed when {@code tamper} is a number); any other input is the
 * header's value itself. Replays AlbSignInFuzzTestInputs in every build; scripts/fuzz fuzzes it.
 */
class AlbSignInFuzzTest {
    private static final KeyPair ALB_KEY = AlbTokens.p256();
    private static final long NOW = 1_760_000_000L;
    private static final AlbSignInCheck CHECK = new AlbSignInCheck(ARN,
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC),
            kid -> KID.equals(kid) ? AlbKeySource.KeyLookup.found((ECPublicKey) ALB_KEY.getPublic())
                    : AlbKeySource.KeyLookup.refused(SignInRefusal.UNKNOWN_KEY));

    @FuzzTest
    @DictionaryEntries({"{\"header\":{\"alg\":\"ES256\",\"kid\":\"" + KID + "\",\"signer\":\"" + ARN + "\",\"exp\":",
            "\"claims\":{\"email\":", "\"sub\":", "\"exp\":", "\"crit\":", "\"padded\":false", "\"tamper\":",
            "1760000000", "1760000001", "\"1760000001\"", "\"none\"", "\"HS256\"", "=", ".", "-", "_", "eyJ"})
    void anyToken_signsInExactlyWhenAlbSignedItForThisBalancer(byte[] input) {
        Map<?, ?> recipe = recipe(input);
        if (recipe == null) {
            SignIn signIn = CHECK.check(new String(input, StandardCharsets.UTF_8));
            assertTrue(signIn instanceof SignIn.Refused, "signed in without the key's signature");
            return;
        }
        Map<?, ?> header = (Map<?, ?>) recipe.get("header");
        Map<?, ?> claims = (Map<?, ?>) recipe.get("claims");
        boolean padded = !Boolean.FALSE.equals(recipe.get("padded"));
        String signingInput = AlbTokens.part(Json.write(header), padded) + "." + AlbTokens.part(Json.write(claims), padded);
        String token = AlbTokens.sign(ALB_KEY.getPrivate(), signingInput, padded);
        boolean tampered = recipe.get("tamper") instanceof BigDecimal;
        if (tampered) {
            int at = Math.floorMod(((BigDecimal) recipe.get("tamper")).intValue(), signingInput.length());
            char was = token.charAt(at);
            token = token.substring(0, at) + (was == 'A' ? 'B' : 'A') + token.substring(at + 1);
        }

        SignIn signIn = CHECK.check(token);

        String user = tampered || token.length() > AlbSignInCheck.MAX_TOKEN_CHARS ? null : albWouldSignIn(header, claims);
        assertEquals(user == null ? "refused" : "signed in as " + user, signIn instanceof SignIn.SignedIn
                ? "signed in as " + ((SignIn.SignedIn) signIn).user() : "refused");
    }

    private static Map<?, ?> recipe(byte[] input) {
        try {
            Object parsed = Json.parse(input);
            if (parsed instanceof Map && ((Map<?, ?>) parsed).get("header") instanceof Map
                    && ((Map<?, ?>) parsed).get("claims") instanceof Map) {
                return (Map<?, ?>) parsed;
            }
        } catch (JsonException e) {
            // not a recipe: the input is the header's value
        }
        return null;
    }

    /** ALB's rules, as the README and AWS's guide state them: the user ALB's token names, or null. */
    private static String albWouldSignIn(Map<?, ?> header, Map<?, ?> claims) {
        boolean valid = "ES256".equals(header.get("alg")) && !header.containsKey("crit")
                && ARN.equals(header.get("signer")) && KID.equals(header.get("kid"))
                && inTheFuture(header.get("exp")) && (!claims.containsKey("exp") || inTheFuture(claims.get("exp")));
        if (!valid) {
            return null;
        }
        for (String name : new String[] {"email", "sub"}) {
            if (claims.get(name) instanceof String && !((String) claims.get(name)).isBlank()) {
                return (String) claims.get(name);
            }
        }
        return null;
    }

    private static boolean inTheFuture(Object exp) {
        if (exp instanceof String && ((String) exp).matches("[0-9]{1,19}")) {
            exp = new BigDecimal((String) exp);
        }
        return exp instanceof BigDecimal && ((BigDecimal) exp).compareTo(BigDecimal.valueOf(NOW)) > 0;
    }
}
