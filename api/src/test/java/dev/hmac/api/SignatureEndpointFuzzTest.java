package dev.hmac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Any body to {@code POST /signature}: a 200, 400 or 413 in the contract's shape, never an exception. A 200
 * carries the signature an independent HMAC computes over the request's own fields, with the options it names; an
 * error never quotes the input, so the canary secret never comes back. Replays SignatureEndpointFuzzTestInputs in every build;
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
            CANARY, "\\u0000", "\\ud800", "1e999999999", "\"1444762678\"", "\u00a0", "\"algorithm\":", "\"encoding\":",
            "\"HmacSHA1\"", "\"sha-512\"", "\"md5\"", "\"base64url\"", "\"HEX\"", "\"base16\"", "\"1444762678000\""})
    void anyBody_getsAContractAnswer(byte[] body) throws JsonException, GeneralSecurityException {
        ApiResponse response = ENDPOINT.sign(body);
        OpenApiContract.assertAnswer("POST", SignatureEndpoint.PATH, response.status(), response.headers(), response.body());

        assertTrue(Set.of(200, 400, 413).contains(response.status()), "status " + response.status());
        Map<?, ?> answer = (Map<?, ?>) Json.parse(response.body());
        if (response.status() != 200) {
            assertTrue(answer.get("error") instanceof String);
            assertFalse(response.body().contains(CANARY), "an error quoted the input");
            return;
        }
        assertEquals(List.of("callback", "clientid", "timestamp", "signature", "algorithm", "encoding"),
                List.copyOf(answer.keySet()));
        Map<?, ?> request = (Map<?, ?>) Json.parse(body);
        String algorithm = (String) answer.get("algorithm");
        String encoding = (String) answer.get("encoding");
        assertEquals(option(request.get("algorithm"), "sha256"), algorithm);
        assertEquals(option(request.get("encoding"), "base64"), encoding);
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
        assertEquals(IndependentSignature.of(algorithm, encoding, secret, callback, clientId, timestamp),
                answer.get("signature"));
        if (!callback.contains(CANARY) && !clientId.contains(CANARY)) {
            assertFalse(response.body().contains(CANARY), "the secret came back");
        }
    }

    private static String trim(String s) {
        return SURROUNDING_SPACE.matcher(s).replaceAll("");
    }

    /** The option's canonical name, or the default when none (or a blank one) was given. */
    private static String option(Object given, String defaultName) {
        String name = given == null ? "" : trim((String) given);
        return name.isEmpty() ? defaultName : IndependentSignature.canonical(name);
    }
}
