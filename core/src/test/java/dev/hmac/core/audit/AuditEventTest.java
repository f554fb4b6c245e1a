package dev.hmac.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.Sha256;
import dev.hmac.core.Signature;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.WrongSignatures;
import dev.hmac.core.verify.Verdict;
import dev.hmac.core.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventTest {
    private static final Caller SLACK = new Caller(Surface.SLACK, Actor.slack("T0001", "U0001", null), "req-1", null);

    private static Verdict check(WrongSignatures.Case check) throws InvalidRequestException {
        Map<String, String> t = check.texts();
        return new Verifier().verify(VerificationRequest.of(t.get("callback"), t.get("clientid"), t.get("clientsecret"),
                t.get("timestamp"), t.get("signature"), null, null));
    }

    @Test
    void signed_isTheLineOfTheIssue_inItsOrder_withAFingerprintAndNeitherSecretNorSignature() throws Exception {
        Signature signature = new Signer().sign(SignatureRequest.of(WrongSignatures.CALLBACK, WrongSignatures.CLIENT_ID,
                WrongSignatures.SECRET, WrongSignatures.TIMESTAMP));

        Map<String, Object> json = AuditEvent.signed(signature).toJson(SLACK);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("event", "signature");
        expected.put("surface", "slack");
        expected.put("actor", Map.of("team", "T0001", "user", "U0001"));
        expected.put("clientid", WrongSignatures.CLIENT_ID);
        expected.put("callback", WrongSignatures.CALLBACK);
        expected.put("timestamp", WrongSignatures.TIMESTAMP);
        expected.put("algorithm", "sha256");
        expected.put("encoding", "base64");
        expected.put("outcome", "signed");
        expected.put("signatureSha256", HexFormat.of().formatHex(
                Sha256.digest(WrongSignatures.SIGNATURE.getBytes(StandardCharsets.UTF_8))).substring(0, 8));
        expected.put("requestId", "req-1");
        assertEquals(expected, json);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(json.keySet()));
        String line = Json.write(json);
        assertFalse(line.contains(WrongSignatures.SECRET) || line.contains(WrongSignatures.SIGNATURE), line);
        assertEquals("signature signed", AuditEvent.signed(signature).summary());
    }

    @Test
    void match_andMismatchWithItsFirstCause() throws Exception {
        WrongSignatures.Case wrong = WrongSignatures.oneForEachCause().get(4);

        AuditEvent match = AuditEvent.checked(check(WrongSignatures.match()));
        AuditEvent mismatch = AuditEvent.checked(check(wrong));

        assertEquals("match", match.toJson(SLACK).get("outcome"));
        assertEquals("verification", match.toJson(SLACK).get("event"));
        assertFalse(match.toJson(SLACK).containsKey("cause"));
        assertEquals("mismatch", mismatch.toJson(SLACK).get("outcome"));
        assertEquals(wrong.causes().get(0), mismatch.toJson(SLACK).get("cause"));
        assertFalse(Json.write(mismatch.toJson(SLACK)).contains(wrong.signature()), "not even the one sent");
    }

    @Test
    void invalid_namesTheFieldsAtFault_andNothingTyped() {
        AuditEvent invalid = AuditEvent.invalid(AuditEvent.Kind.VERIFICATION, List.of(
                new FieldError(Field.CALLBACK, "Callback must be a URL."),
                new FieldError(Field.SIGNATURE, "Signature is required.")));

        Map<String, Object> json = invalid.toJson(SLACK);

        assertEquals("invalid", json.get("outcome"));
        assertEquals(List.of("callback", "signature"), json.get("fields"));
        for (String key : List.of("clientid", "callback", "timestamp", "algorithm", "encoding")) {
            assertTrue(json.containsKey(key) && json.get(key) == null, key + " is there, empty");
        }
        assertFalse(json.containsKey("signatureSha256"));
        assertFalse(Json.write(json).contains("must be"), "the messages are not logged, only the fields");
    }

    @Test
    void forwardedRequestId_isKeptOnlyWhenItIsOneOfOurs() {
        String ours = Caller.newRequestId();

        assertEquals(ours, Caller.forwarded(ours));
        assertTrue(ours.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), ours);
        assertNull(Caller.forwarded(null));
        assertNull(Caller.forwarded(ours.toUpperCase()));
        assertNull(Caller.forwarded(ours + " "));
        assertNull(Caller.forwarded("\"},\"actor\":{\"user\":\"someone-else\"}"));
        assertNull(Caller.forwarded("0f8e2c1a-5b4d-4e6f-8a9b-0c1d2e3f4a5g"));
        Caller forwarded = new Caller(Surface.REST, Actor.apiKey("k1", "192.0.2.1"), "req-2", ours);
        AuditEvent event = AuditEvent.invalid(AuditEvent.Kind.SIGNATURE, List.of());
        assertEquals(ours, event.toJson(forwarded).get("forwardedRequestId"));
        assertFalse(event.toJson(SLACK).containsKey("forwardedRequestId"));
    }

    @Test
    void actor_keepsItsIdsInOrder_leavesOutTheAbsent_andCutsTheLong() {
        assertEquals(List.of("team", "user", "userName"), List.copyOf(Actor.slack("T1", "U1", "pat").ids().keySet()));
        assertEquals(Map.of("team", "T1", "user", "U1"), Actor.slack("T1", "U1", null).ids());
        assertEquals(Map.of("apiKeyId", "k1", "sourceIp", "192.0.2.1"), Actor.apiKey("k1", "192.0.2.1").ids());
        assertEquals(Map.of("address", "192.0.2.1"), Actor.person(null, "192.0.2.1").ids());
        assertEquals(Map.of("user", "pat@example.com", "address", "192.0.2.1"),
                Actor.person("pat@example.com", "192.0.2.1").ids());
        assertEquals(Actor.MAX_VALUE_LENGTH, Actor.person("x".repeat(10_000), null).ids().get("user").length());
    }
}
