package dev.hmac.server;

import dev.hmac.core.Field;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.verify.Verdict;
import dev.hmac.core.verify.VerificationLimiter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Signs and checks in this process with the shared core; checks wait their turn with the REST API's and Slack's. */
final class LocalSigning implements SigningBackend {
    static final String BUSY = "Too many signature checks are running right now. Please try again in a second.";
    /** A search takes at most about a second. */
    static final int BUSY_RETRY_SECONDS = 1;

    private final Signer signer;
    private final VerificationLimiter checks;

    LocalSigning(Signer signer, VerificationLimiter checks) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    @Override
    public Outcome sign(Map<Field, String> input, String requestId) {
        try {
            return new Signed(signer.sign(SignatureRequest.of(input.get(Field.CALLBACK), input.get(Field.CLIENT_ID),
                    input.get(Field.CLIENT_SECRET), input.get(Field.TIMESTAMP), input.get(Field.ALGORITHM),
                    input.get(Field.ENCODING))));
        } catch (InvalidRequestException e) {
            return new Invalid(e.errors());
        }
    }

    @Override
    public Outcome check(Map<Field, String> input, String requestId) {
        VerificationRequest request;
        try {
            request = VerificationRequest.of(input.get(Field.CALLBACK), input.get(Field.CLIENT_ID),
                    input.get(Field.CLIENT_SECRET), input.get(Field.TIMESTAMP), input.get(Field.SIGNATURE),
                    input.get(Field.ALGORITHM), input.get(Field.ENCODING));
        } catch (InvalidRequestException e) {
            return new Invalid(e.errors());
        }
        Optional<Verdict> verdict = checks.verify(request);
        if (verdict.isEmpty()) {
            return new Busy(BUSY, BUSY_RETRY_SECONDS);
        }
        return new Checked(CheckResult.of(verdict.get()));
    }

    @Override
    public String describe() {
        return "signing and checking in-process";
    }
}
