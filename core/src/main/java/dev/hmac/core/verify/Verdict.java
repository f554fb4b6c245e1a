package dev.hmac.core.verify;

import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a check. There is no secret here by design.
 *
 * @param match the signature is exactly the right one (for the timestamp given, or for one within 24 hours of
 *     now when none was given)
 * @param timestamp Unix seconds as a decimal string: the one given, the one found when none was given (or now
 *     when none was found), or the milliseconds given in seconds
 * @param signature the right signature for these inputs and this timestamp, in {@code encoding}: a credential,
 *     for the asker only
 * @param explanations empty on a match; otherwise at least one, the last possibly {@link Cause#UNEXPLAINED}
 * @param complete false when the search stopped at its CPU budget before trying everything (an
 *     {@link Cause#UNEXPLAINED} explanation then says what was not tried)
 */
public record Verdict(boolean match, String callback, String clientId, String timestamp, Algorithm algorithm,
        Encoding encoding, String signature, MessageToSign messageToSign, List<Explanation> explanations,
        boolean complete) {

    public Verdict {
        explanations = List.copyOf(explanations);
    }

    /** The moment the timestamp stands for. */
    public Instant time() {
        return Instant.ofEpochSecond(Long.parseLong(timestamp));
    }

    /** The causes found, in order. */
    public List<Cause> causes() {
        List<Cause> causes = new ArrayList<>(explanations.size());
        for (Explanation explanation : explanations) {
            causes.add(explanation.cause());
        }
        return List.copyOf(causes);
    }

    @Override
    public String toString() {
        // Without the signature: with its timestamp it is a credential, and toString ends up in logs.
        return "Verdict[match=" + match + ", callback=" + callback + ", clientId=" + clientId + ", timestamp="
                + timestamp + ", algorithm=" + algorithm.key() + ", encoding=" + encoding.key() + ", causes="
                + codes() + ", complete=" + complete + "]";
    }

    private List<String> codes() {
        List<String> codes = new ArrayList<>(explanations.size());
        for (Explanation explanation : explanations) {
            codes.add(explanation.cause().code());
        }
        return codes;
    }
}
