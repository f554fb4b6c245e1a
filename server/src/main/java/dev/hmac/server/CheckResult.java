package dev.hmac.server;

import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.verify.Cause;
import dev.hmac.core.verify.Explanation;
import dev.hmac.core.verify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A verdict as the check page shows it: made in-process by the core, or read from the deployed {@code /verify}'s
 * answer. There is no secret here: the string to sign has the secret's length in its place. The signature is the
 * right one for these inputs, a credential for the asker only.
 *
 * @param timestamp Unix seconds as a decimal string: the one checked, or the one found
 * @param messageBytes the length in UTF-8 of the real string to sign, secret included
 * @param reasons empty on a match; otherwise what differs, the more specific first
 * @param complete false when the search stopped at its time limit before it tried everything
 */
record CheckResult(boolean match, String callback, String clientId, String timestamp, Algorithm algorithm,
        Encoding encoding, String signature, String messageToSign, int messageBytes, List<Reason> reasons,
        boolean complete) {

    CheckResult {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoding, "encoding");
        reasons = List.copyOf(reasons);
    }

    /** One explanation: the code of its cause (one of {@link Cause}, or one a newer API names) and its words. */
    record Reason(String cause, String message) {
        /** What the page puts above the words. */
        String heading() {
            return Cause.ofCode(cause).map(Cause::label).orElse("What differs");
        }
    }

    static CheckResult of(Verdict verdict) {
        List<Reason> reasons = new ArrayList<>(verdict.explanations().size());
        for (Explanation explanation : verdict.explanations()) {
            reasons.add(new Reason(explanation.cause().code(), explanation.message()));
        }
        return new CheckResult(verdict.match(), verdict.callback(), verdict.clientId(), verdict.timestamp(),
                verdict.algorithm(), verdict.encoding(), verdict.signature(), verdict.messageToSign().text(),
                verdict.messageToSign().bytes(), reasons, verdict.complete());
    }

    @Override
    public String toString() {
        // Without the signature: with its timestamp it is a credential, and toString ends up in logs.
        return "CheckResult[match=" + match + ", timestamp=" + timestamp + ", algorithm=" + algorithm.key()
                + ", encoding=" + encoding.key() + ", reasons=" + reasons.size() + ", complete=" + complete + "]";
    }
}
