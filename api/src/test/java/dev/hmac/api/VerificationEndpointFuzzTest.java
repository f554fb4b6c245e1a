package dev.hmac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.core.verify.Verifier;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Any body to {@code POST /verify}: a 200, 400 or 413 in the contract's shape, never an exception. A verdict
 * carries the signature an independent HMAC computes over the request's own fields at the verdict's timestamp,
 * with its options; it matches only when that is the signature given (and always then, when the timestamp was
 * given in seconds); its string to sign never holds the secret; an error never quotes the input. Replays
 * VerificationEndpointFuzzTestInputs in every build; scripts/fuzz fuzzes it.
 */
class VerificationEndpointFuzzTest {
    private static final String CANARY = "CANARY-fuzz-v3r1f7";
    private static final long NOW = 1444762678L;
    /** A small budget: every cheap cause, a little of the sweep, and many bodies a second. */
    private static final VerificationEndpoint ENDPOINT = new VerificationEndpoint(new Verifier(
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), Duration.ofMillis(2)));
    private static final List<String> KEYS = List.of("match", "callback", "clientid", "timestamp", "algorithm",
            "encoding", "signature", "message_to_sign", "explanations", "complete");
    /** The README's "surrounding whitespace is trimmed": Unicode spaces and Java's whitespace controls. */
    private static final Pattern SURROUNDING_SPACE = Pattern.compile("^[\\p{Z}\\s\\x1C-\\x1F]+|[\\p{Z}\\s\\x1C-\\x1F]+$");

    @FuzzTest
    @DictionaryEntries({"{\"callback\":\"https://a.example/cb\",\"clientid\":\"id\",\"clientsecret\":\"" + CANARY + "\","
            + "\"signature\":\"", "\"callback\":", "\"clientid\":", "\"clientsecret\":", "\"timestamp\":", "\"signature\":",
            "\"algorithm\":", "\"encoding\":", "\"1444762678\"", "1444762678000", "\"HmacSHA1\"", "\"md5\"", "\"hex\"",
            "\"base64url\"", "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", "%2B", "\\n", "\\u0000", "\\ud800", CANARY})
    void anyBody_getsAVerdictOrAContractError(byte[] body) throws JsonException, GeneralSecurityException {
        ApiResponse response = ENDPOINT.verify(body);
        OpenApiContract.assertAnswer("POST", VerificationEndpoint.PATH, response.status(), response.headers(),
                response.body());

        assertTrue(Set.of(200, 400, 413).contains(response.status()), "status " + response.status());
        Map<?, ?> answer = (Map<?, ?>) Json.parse(response.body());
        if (response.status() != 200) {
            assertTrue(answer.get("error") instanceof String);
            assertFalse(response.body().contains(CANARY), "an error quoted the input");
            return;
        }
        assertEquals(KEYS, List.copyOf(answer.keySet()));
        Map<?, ?> request = (Map<?, ?>) Json.parse(body);
        String callback = trim((String) request.get("callback"));
        String clientId = trim((String) request.get("clientid"));
        String secret = trim((String) request.get("clientsecret"));
        String given = trim((String) request.get("signature"));
        String timestamp = (String) answer.get("timestamp");
        String right = IndependentSignature.of((String) answer.get("algorithm"), (String) answer.get("encoding"), secret,
                callback, clientId, timestamp);
        assertEquals(right, answer.get("signature"));
        boolean match = (Boolean) answer.get("match");
        if (match) {
            assertEquals(right, given);
            assertEquals(List.of(), answer.get("explanations"));
        } else {
            assertFalse(((List<?>) answer.get("explanations")).isEmpty());
        }
        Object sentTimestamp = request.get("timestamp");
        if (sentTimestamp != null && trim(sentTimestamp.toString()).length() <= 10 && !trim(sentTimestamp.toString()).isEmpty()) {
            assertEquals(right.equals(given), match, "a signature for the timestamp given");
        }
        String text = (String) ((Map<?, ?>) answer.get("message_to_sign")).get("text");
        assertTrue(text.startsWith("«client secret, "), text);
        if (!callback.contains(CANARY) && !clientId.contains(CANARY)) {
            assertFalse(response.body().contains(CANARY), "the secret came back");
        }
    }

    private static String trim(String s) {
        return SURROUNDING_SPACE.matcher(s).replaceAll("");
    }
}
