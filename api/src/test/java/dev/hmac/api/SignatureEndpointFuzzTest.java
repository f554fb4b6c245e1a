package dev.hmac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Any body to {@code POST /signature}: a 200, 400 or 413 in the contract's shape, never an exception. A 200
 * carries the signature an independent HMAC computes over the request's own fields; an error never quotes the
 * input, so the canary secret never comes back. Replays SignatureEndpointFuzzTestInputs in every build;
 * scripts/fuzz fuzzes it.
 */
class SignatureEndpointFuzzTest {
    /** Typed as a secret; may come back only inside a callback or client id of a 200, where it was typed. */
    private static final String CANARY = "CANARY-fuzz-7d2a";
    private static final String NOW = "1444762678";
    private static final SignatureEndpoint ENDPOINT = new SignatureEndpoint(
            new Signer(Clock.fixed(Instant.ofEpochSecond(Long.parseLong(NOW)), ZoneOffset.UTC)));
    /** The README's "surrounding whitespace is trimmed": Unicode spaces and Java's whitespace controls. */
    private static final Pattern SURROUNDING_SPACE = Pattern.compile("^[\\p{Z}\\s\\x1C-\\x1F]+|[\\p{Z}\\s\\x1C-\\x1F]+$");

    @FuzzTest
    @DictionaryEntries({"{\"callback\":\"https://a.example/cb\",\"clientid\":\"id\",\"clientsecret\":\"" + CANARY + "\"}",
            "\"callback\":", "\"clientid\":", "\"clientsecret\":", "\"timestamp\":", "\"https://", "\"http://[::1]:8",
            CANARY, "\\u0000", "\\ud800", "1e999999999", "\"1444762678\"", "\u00a0"})
    void anyBody_getsAContractAnswer(byte[] body) throws JsonException, GeneralSecurityException {
        ApiResponse response = ENDPOINT.sign(body);

        assertTrue(Set.of(200, 400, 413).contains(response.status()), "status " + response.status());
        Map<?, ?> answer = (Map<?, ?>) Json.parse(response.body());
        if (response.status() != 200) {
            assertTrue(answer.get("error") instanceof String);
            assertFalse(response.body().contains(CANARY), "an error quoted the input");
            return;
        }
        assertEquals(Set.of("callback", "clientid", "timestamp", "signature"), answer.keySet());
        Map<?, ?> request = (Map<?, ?>) Json.parse(body);
        String callback = trim((String) request.get("callback"));
        String clientId = trim((String) request.get("clientid"));
        String secret = trim((String) request.get("clientsecret"));
        String timestamp = (String) answer.get("timestamp");
        assertEquals(callback, answer.get("callback"));
        assertEquals(clientId, answer.get("clientid"));
        assertTrue(timestamp.matches("[1-9][0-9]{0,9}"), timestamp);
        if (request.get("timestamp") == null) {
            assertEquals(NOW, timestamp);
        }
        assertEquals(hmac(secret, secret + callback + clientId + timestamp), answer.get("signature"));
        if (!callback.contains(CANARY) && !clientId.contains(CANARY)) {
            assertFalse(response.body().contains(CANARY), "the secret came back");
        }
    }

    private static String trim(String s) {
        return SURROUNDING_SPACE.matcher(s).replaceAll("");
    }

    /** HMAC-SHA256, Base64: the rule written again from the README, not through the Signer. */
    private static String hmac(String key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
