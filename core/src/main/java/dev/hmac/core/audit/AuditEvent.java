package dev.hmac.core.audit;

import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.FieldError;
import dev.hmac.core.Sha256;
import dev.hmac.core.Signature;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.core.verify.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One signing or one check, as its audit line tells it: what was signed or checked and how it went. The inputs are
 * the validated ones (an invalid request names only the fields at fault), and there is never a secret or a signature:
 * a signature with its timestamp is a credential, so only a fingerprint of it is kept, for correlation.
 *
 * @param clientId the validated client id; null when the request was invalid
 * @param callback the validated callback; null when the request was invalid
 * @param timestamp Unix seconds as signed or checked (for a check without one, the one found, else now); null when invalid
 * @param cause on a mismatch, the first cause's code ({@code timestamp}, {@code whitespace}, ...); else null
 * @param fields when invalid, the REST names of the fields at fault (empty when the body itself was refused)
 * @param signatureSha256 the first 8 hex digits of the SHA-256 of the signature made, or, for a check, of the right
 *     one (on a match, the one sent); null when invalid
 */
public record AuditEvent(Kind kind, Outcome outcome, String clientId, String callback, String timestamp,
                         Algorithm algorithm, Encoding encoding, String cause, List<String> fields,
                         String signatureSha256) {

    public enum Kind {
        SIGNATURE,
        VERIFICATION;

        /** Literals, not {@code toLowerCase}: a line per request reads them. */
        public String key() {
            return this == SIGNATURE ? "signature" : "verification";
        }
    }

    public enum Outcome {
        SIGNED("signed"),
        MATCH("match"),
        MISMATCH("mismatch"),
        INVALID("invalid");

        // A field, not a switch: a switch on an enum is one more class for a cold Lambda to load.
        private final String key;

        Outcome(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public AuditEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        fields = List.copyOf(fields);
    }

    public static AuditEvent signed(Signature signature) {
        return new AuditEvent(Kind.SIGNATURE, Outcome.SIGNED, signature.clientId(), signature.callback(),
                signature.timestamp(), signature.algorithm(), signature.encoding(), null, List.of(),
                fingerprint(signature.signature()));
    }

    public static AuditEvent checked(Verdict verdict) {
        String cause = verdict.match() || verdict.explanations().isEmpty() ? null
                : verdict.explanations().get(0).cause().code();
        return checked(verdict.match(), verdict.clientId(), verdict.callback(), verdict.timestamp(), verdict.algorithm(),
                verdict.encoding(), cause, verdict.signature());
    }

    /**
     * A verdict as a host got it (the form reads the deployed {@code /verify}'s answer).
     *
     * @param cause the first cause's code on a mismatch, else null
     * @param signature the right signature, of which only the fingerprint is kept
     */
    public static AuditEvent checked(boolean match, String clientId, String callback, String timestamp,
                                     Algorithm algorithm, Encoding encoding, String cause, String signature) {
        return new AuditEvent(Kind.VERIFICATION, match ? Outcome.MATCH : Outcome.MISMATCH, clientId, callback, timestamp,
                algorithm, encoding, match ? null : cause, List.of(), fingerprint(signature));
    }

    /** @param errors the broken rules; none when the request could not be read as one (a body that is not JSON) */
    public static AuditEvent invalid(Kind kind, List<FieldError> errors) {
        List<String> fields = new ArrayList<>(errors.size());
        for (FieldError error : errors) {
            fields.add(error.field().key());
        }
        return new AuditEvent(kind, Outcome.INVALID, null, null, null, null, null, null, fields, null);
    }

    /** The first 8 hex digits of the SHA-256 of the signature's UTF-8: enough to correlate, nothing to sign with. */
    static String fingerprint(String signature) {
        byte[] digest = Sha256.digest(signature.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 4);
    }

    /** What the line's message says: {@code signature signed}, {@code verification mismatch}. */
    public String summary() {
        return kind.key() + " " + outcome.key();
    }

    /**
     * The audit line's object: {@code event}, {@code surface}, {@code actor}, {@code clientid}, {@code callback},
     * {@code timestamp}, {@code algorithm}, {@code encoding}, {@code outcome}, then {@code cause} or {@code fields}
     * and {@code signatureSha256} where they apply, {@code requestId}, and {@code forwardedRequestId} when there is one.
     * Written straight into the line, not through a map: the server writes one for each request it signs.
     */
    public void writeJson(StringBuilder sb, Caller caller) {
        sb.append("{\"event\":\"").append(kind.key()).append("\",\"surface\":\"").append(caller.surface().key())
                .append("\",\"actor\":{");
        boolean first = true;
        for (Map.Entry<String, String> id : caller.actor().ids().entrySet()) {
            sb.append(first ? "" : ",");
            first = false;
            sb.append('"').append(id.getKey()).append("\":");
            Json.quote(sb, id.getValue(), false);
        }
        sb.append('}');
        member(sb, "clientid", clientId);
        member(sb, "callback", callback);
        member(sb, "timestamp", timestamp);
        ours(sb, "algorithm", algorithm == null ? null : algorithm.key());
        ours(sb, "encoding", encoding == null ? null : encoding.key());
        ours(sb, "outcome", outcome.key());
        if (cause != null) {
            member(sb, "cause", cause);
        }
        if (outcome == Outcome.INVALID) {
            sb.append(",\"fields\":[");
            for (int i = 0; i < fields.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                sb.append('"').append(fields.get(i)).append('"');
            }
            sb.append(']');
        }
        if (signatureSha256 != null) {
            ours(sb, "signatureSha256", signatureSha256);
        }
        member(sb, "requestId", caller.requestId());
        if (caller.forwardedRequestId() != null) {
            ours(sb, "forwardedRequestId", caller.forwardedRequestId());
        }
        sb.append('}');
    }

    /** The same object as a map, for a reader of the line (tests). */
    public Map<String, Object> toJson(Caller caller) {
        StringBuilder sb = new StringBuilder(512);
        writeJson(sb, caller);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) Json.parse(sb.toString());
            return json;
        } catch (JsonException e) {
            throw new IllegalStateException("an audit object that is not JSON", e);
        }
    }

    /**
     * A member whose value is made here and needs no escaping (an enum's key, hex digits, a UUID checked as one),
     * appended as it is: the server writes a line per request. Anything that came in (client id, callback, actor, a
     * timestamp, a cause or a request id read from another host's answer or event) goes through {@link #member}.
     */
    private static void ours(StringBuilder sb, String name, String value) {
        sb.append(",\"").append(name).append("\":");
        if (value == null) {
            sb.append("null");
        } else {
            sb.append('"').append(value).append('"');
        }
    }

    private static void member(StringBuilder sb, String name, String value) {
        sb.append(",\"").append(name).append("\":");
        if (value == null) {
            sb.append("null");
        } else {
            Json.quote(sb, value, false);
        }
    }
}
