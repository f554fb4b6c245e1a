package dev.hmac.api;

import dev.hmac.core.Field;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.verify.Explanation;
import dev.hmac.core.verify.Verdict;
import dev.hmac.core.verify.VerificationLimiter;
import dev.hmac.core.verify.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /verify}: is this the signature Apigee expects, and if not, why not. A verdict is a 200 whether it
 * matches or not; bad input gets the same 4xx, in the same shapes and words, as {@code POST /signature}. The
 * answer never holds the secret: {@code message_to_sign} shows its length in its place.
 */
public final class VerificationEndpoint extends JsonEndpoint {
    public static final String PATH = "/verify";
    /** Seconds a client should wait before it tries again after a 503: a search takes at most about one. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final JsonRequest.Shape SHAPE = JsonRequest.Shape.of(List.of(Field.values()),
            "Send a JSON object with callback, clientid, clientsecret, signature and, optionally, timestamp, "
                    + "algorithm and encoding.", Map.of());

    /** One of the two is set. */
    private final Verifier verifier;
    private final VerificationLimiter limiter;

    /**
     * Every check runs as it comes: for a Lambda function, whose environment serves one request at a time (API
     * Gateway's usage plan bounds the rate), so there is nothing for a limiter to share out.
     */
    public VerificationEndpoint(Verifier verifier) {
        super(SHAPE, AuditEvent.Kind.VERIFICATION);
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.limiter = null;
    }

    /** Checks wait for a turn, and are answered 503 when none comes in time: for a server that also signs. */
    public VerificationEndpoint(VerificationLimiter limiter) {
        super(SHAPE, AuditEvent.Kind.VERIFICATION);
        this.verifier = null;
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** The body of {@code POST /verify}. */
    public ApiResponse verify(byte[] body) {
        return answer(body);
    }

    @Override
    ApiResponse reply(JsonRequest json) throws JsonRequest.Refused {
        VerificationRequest request = VerificationRequest.of(json.text(Field.CALLBACK), json.text(Field.CLIENT_ID),
                json.text(Field.CLIENT_SECRET), json.value(Field.TIMESTAMP), json.text(Field.SIGNATURE),
                json.text(Field.ALGORITHM), json.text(Field.ENCODING));
        Optional<Verdict> verdict = limiter != null ? limiter.verify(request) : Optional.of(verifier.verify(request));
        if (verdict.isEmpty()) {
            return ApiResponse.error(503, "Too many signature checks are running right now. Please try again in a "
                    + "second.").withHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        return ApiResponse.ok(body(verdict.get()), AuditEvent.checked(verdict.get()));
    }

    /** The verdict as the contract writes it (README, docs/rest-api.md). */
    static Map<String, Object> body(Verdict verdict) {
        List<Object> explanations = new ArrayList<>(verdict.explanations().size());
        for (Explanation explanation : verdict.explanations()) {
            Map<String, Object> item = ApiResponse.object("cause", explanation.cause().code(),
                    "message", explanation.message());
            for (Map.Entry<String, Object> detail : explanation.details().entrySet()) {
                item.putIfAbsent(detail.getKey(), detail.getValue());
            }
            explanations.add(item);
        }
        return ApiResponse.object("match", verdict.match(), "callback", verdict.callback(),
                "clientid", verdict.clientId(), "timestamp", verdict.timestamp(),
                "algorithm", verdict.algorithm().key(), "encoding", verdict.encoding().key(),
                "signature", verdict.signature(), "message_to_sign", ApiResponse.object(
                        "text", verdict.messageToSign().text(), "bytes", verdict.messageToSign().bytes()),
                "explanations", explanations, "complete", verdict.complete());
    }
}
