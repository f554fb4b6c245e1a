package dev.hmac.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Any check, as a JSON object of its inputs: a field error or a verdict, never another exception. A verdict
 * carries the signature an independent HMAC computes, lists its causes once each in their order, matches only
 * when the signature given is the right one, and never holds the secret. Replays VerifierFuzzTestInputs in every
 * build; scripts/fuzz fuzzes it.
 */
class VerifierFuzzTest {
    private static final String CANARY = "CANARY-fuzz-7d2a";
    private static final long NOW = 1444762678L;
    /** A small budget: the cheap causes always, a little of the sweep, and many inputs a second. */
    private static final Verifier VERIFIER = new Verifier(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC),
            Duration.ofMillis(2));

    @FuzzTest
    @DictionaryEntries({"{\"callback\":\"https://a.example/cb\",\"clientid\":\"id\",\"clientsecret\":\"" + CANARY
            + "\",\"signature\":\"", "\"timestamp\":", "\"algorithm\":", "\"encoding\":", "\"signature\":",
            "\"1444762678\"", "\"1444762678000\"", "sha1", "md5", "HmacSHA512", "base64url", "hex", "base16", "%2B",
            "%3D", "=", "+", "/", "-", "_", " ", "\\n", "\\r\\n", "\\t", "\\u00a0", CANARY})
    void anyCheck_getsAFieldErrorOrAnHonestVerdict(byte[] input) throws GeneralSecurityException {
        Map<?, ?> fields;
        try {
            Object parsed = Json.parse(input);
            if (!(parsed instanceof Map)) {
                return;
            }
            fields = (Map<?, ?>) parsed;
        } catch (JsonException e) {
            return;
        }
        VerificationRequest request;
        try {
            request = VerificationRequest.of(text(fields, "callback"), text(fields, "clientid"),
                    text(fields, "clientsecret"), fields.get("timestamp"), text(fields, "signature"),
                    text(fields, "algorithm"), text(fields, "encoding"));
        } catch (InvalidRequestException e) {
            assertFalse(e.getMessage().contains(CANARY), "an error quoted the input");
            return;
        }
        Verdict verdict = VERIFIER.verify(request);

        assertEquals(independent(request, verdict.timestamp()), verdict.signature());
        assertEquals(verdict.match(), verdict.explanations().isEmpty());
        if (verdict.match()) {
            assertEquals(request.signature(), verdict.signature());
        }
        List<Cause> causes = verdict.causes();
        for (int i = 1; i < causes.size(); i++) {
            assertTrue(causes.get(i - 1).compareTo(causes.get(i)) < 0, "causes out of order: " + causes);
        }
        assertTrue(!causes.contains(Cause.UNEXPLAINED) || causes.get(causes.size() - 1) == Cause.UNEXPLAINED);
        assertTrue(verdict.complete() || causes.contains(Cause.UNEXPLAINED));
        // The canary, not any secret: a short one like 444762678 is also part of a timestamp shown.
        SignatureRequest inputs = request.signing();
        if (inputs.clientSecret().contains(CANARY) && !inputs.callback().contains(CANARY)
                && !inputs.clientId().contains(CANARY)) {
            String text = verdict.toString() + verdict.messageToSign() + verdict.explanations();
            assertFalse(text.contains(CANARY), "the secret is in the verdict");
        }
    }

    @FuzzTest
    void anyOptionName_isReadOrRefused_andCanonicalNamesReadBack(byte[] input) {
        String name = new String(input, StandardCharsets.UTF_8);
        Algorithm.parse(name).ifPresent(a -> assertEquals(a, Algorithm.parse(a.key()).orElseThrow()));
        Encoding.parse(name).ifPresent(e -> assertEquals(e, Encoding.parse(e.key().toUpperCase(Locale.ROOT))
                .orElseThrow()));
    }

    private static String text(Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        return value instanceof String ? (String) value : null;
    }

    /** The rule written again from the README, in every algorithm and encoding, not through the engine. */
    private static String independent(VerificationRequest check, String timestamp) throws GeneralSecurityException {
        SignatureRequest request = check.signing();
        String name = "Hmac" + request.algorithm().name();
        Mac mac = Mac.getInstance(name);
        mac.init(new SecretKeySpec(request.clientSecret().getBytes(StandardCharsets.UTF_8), name));
        byte[] bytes = mac.doFinal((request.clientSecret() + request.callback() + request.clientId() + timestamp)
                .getBytes(StandardCharsets.UTF_8));
        return switch (request.encoding()) {
            case BASE64 -> Base64.getEncoder().encodeToString(bytes);
            case BASE64URL -> Base64.getUrlEncoder().encodeToString(bytes);
            case HEX -> HexFormat.of().formatHex(bytes);
        };
    }
}
