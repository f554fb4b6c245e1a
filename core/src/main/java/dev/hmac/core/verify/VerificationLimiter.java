package dev.hmac.core.verify;

import dev.hmac.core.VerificationRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many searches run at once, so that a burst of checks can't take every core from signing (which
 * costs microseconds) on a small server. A check waits a little for its turn, then is refused: the surface answers
 * "busy, try again" rather than queueing work nobody will wait for. Thread-safe; share one per process.
 */
public final class VerificationLimiter {
    /** How long a check waits for a turn by default: time for a few searches ahead of it to finish. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);

    private final Verifier verifier;
    private final int concurrent;
    private final Duration maxWait;
    private final Semaphore turns;

    /**
     * @param concurrent how many searches may run at once
     * @param maxWait how long a check waits for a turn before it is refused; zero refuses at once
     */
    public VerificationLimiter(Verifier verifier, int concurrent, Duration maxWait) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        if (concurrent < 1) {
            throw new IllegalArgumentException("at least one search must be allowed");
        }
        this.concurrent = concurrent;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.turns = new Semaphore(concurrent, true);
    }

    /**
     * Half the processors (at least one), so that signing always has the rest: on a 2-vCPU ECS task, one search
     * at a time.
     */
    public static VerificationLimiter forThisMachine(Verifier verifier) {
        return new VerificationLimiter(verifier, Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                DEFAULT_WAIT);
    }

    /** The verdict, or empty when every turn stayed taken for the whole wait (or the thread was interrupted). */
    public Optional<Verdict> verify(VerificationRequest request) {
        try {
            if (!turns.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        try {
            return Optional.of(verifier.verify(request));
        } finally {
            turns.release();
        }
    }

    public int concurrent() {
        return concurrent;
    }

    /** How many searches run now (for a health or metrics line). */
    public int running() {
        return concurrent - turns.availablePermits();
    }
}
