package dev.hmac.core.verify;

import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.verify.GivenSignature.Reading;
import dev.hmac.core.verify.Search.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Checks a signature and, when it is not the right one, finds what made it: the cheap causes first (encoding,
 * whitespace, callback, order, algorithm, key encoding at the timestamp given), then every millisecond of that
 * second, then every second within 24 hours, nearest first, until the CPU budget is spent. Only the algorithm
 * that the signature's length names is tried.
 *
 * <p>Pure and thread-safe: the clock is injected, and each call searches on the calling thread. Bound how many
 * run at once with {@link VerificationLimiter}.
 */
public final class Verifier {
    /**
     * A full HMAC-SHA256 search with the SAM template's JIT flags, cold, with room to spare; on a 1024 MB Lambda
     * (0.58 of a vCPU) it ends within 1.4 s, inside Slack's 3 s with time left for the reply. The figures behind
     * it are in docs/verification.md.
     */
    public static final Duration DEFAULT_CPU_BUDGET = Duration.ofMillis(800);

    private final Clock clock;
    private final Duration cpuBudget;
    private final LongSupplier cpuNanos;

    /** The system clock and the default budget. */
    public Verifier() {
        this(Clock.systemUTC());
    }

    public Verifier(Clock clock) {
        this(clock, DEFAULT_CPU_BUDGET);
    }

    /** @param cpuBudget CPU time of the calling thread one search may take beyond its cheap first steps */
    public Verifier(Clock clock, Duration cpuBudget) {
        this(clock, cpuBudget, ThreadCpuClock.INSTANCE);
    }

    Verifier(Clock clock, Duration cpuBudget, LongSupplier cpuNanos) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cpuBudget = Objects.requireNonNull(cpuBudget, "cpuBudget");
        if (cpuBudget.isNegative()) {
            throw new IllegalArgumentException("a CPU budget can't be negative");
        }
        this.cpuNanos = Objects.requireNonNull(cpuNanos, "cpuNanos");
    }

    public Duration cpuBudget() {
        return cpuBudget;
    }

    public Verdict verify(VerificationRequest request) {
        long now = Math.floorDiv(clock.millis(), 1000L);
        long centre = Search.centre(request, now);
        List<Reading> readings = GivenSignature.read(request.signature(), request.signing().encoding());
        if (readings.isEmpty()) {
            return verdict(request, centre, Explanations.notAMac(request), true);
        }
        // Capped: Duration.toNanos overflows beyond 292 years, which stands for "no limit" here.
        long budgetNanos = cpuBudget.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE
                : cpuBudget.toNanos();
        Outcome outcome = new Search(request, readings, now, budgetNanos, cpuNanos).run();
        if (outcome.hit() == null) {
            return verdict(request, centre, Explanations.unexplained(request, readings, outcome, centre),
                    outcome.complete());
        }
        // Without a timestamp, the one found is the one the signature is for.
        long timestamp = request.signing().timestamp().isEmpty() ? outcome.hit().timestamp() : centre;
        return verdict(request, timestamp, Explanations.of(request, outcome.hit(), centre), true);
    }

    private static Verdict verdict(VerificationRequest request, long seconds, List<Explanation> explanations,
            boolean complete) {
        SignatureRequest inputs = request.signing();
        String timestamp = Long.toString(seconds);
        String signature = Signer.signature(inputs.algorithm(), inputs.encoding(), inputs.clientSecret(),
                inputs.callback(), inputs.clientId(), timestamp);
        return new Verdict(explanations.isEmpty(), inputs.callback(), inputs.clientId(), timestamp, inputs.algorithm(),
                inputs.encoding(), signature, messageToSign(inputs, timestamp), explanations, complete);
    }

    private static MessageToSign messageToSign(SignatureRequest inputs, String timestamp) {
        String secret = inputs.clientSecret();
        int characters = secret.codePointCount(0, secret.length());
        String text = "«client secret, " + characters + (characters == 1 ? " character» + " : " characters» + ")
                + inputs.callback() + " + " + inputs.clientId() + " + " + timestamp;
        int bytes = Signer.message(secret, inputs.callback(), inputs.clientId(), timestamp)
                .getBytes(StandardCharsets.UTF_8).length;
        return new MessageToSign(text, bytes);
    }
}
