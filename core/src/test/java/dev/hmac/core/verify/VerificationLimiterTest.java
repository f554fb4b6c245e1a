package dev.hmac.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.VerificationRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerificationLimiterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1444762678L), ZoneOffset.UTC);
    /** A check that needs the full search (the signature is for another secret), so it reads the CPU clock. */
    private static final VerificationRequest SEARCHING = VerificationRequest.of("https://apoorva.com",
            "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "another secret", "1444762678",
            "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", null, null);
    private static final VerificationRequest MATCHING = VerificationRequest.of("https://apoorva.com",
            "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "S6meLXlUY00YVML3", "1444762678",
            "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", null, null);

    private final CountDownLatch searching = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** Its first search holds its turn, at its first costly step, until released. */
    private Verifier heldVerifier() {
        return new Verifier(CLOCK, Duration.ZERO, () -> {
            if (searching.getCount() > 0) {
                searching.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 0;
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void allTurnsTaken_andNoWait_theNextCheckIsRefused() throws Exception {
        VerificationLimiter limiter = new VerificationLimiter(heldVerifier(), 1, Duration.ZERO);
        Future<Optional<Verdict>> first = threads.submit(() -> limiter.verify(SEARCHING));
        assertTrue(searching.await(30, TimeUnit.SECONDS));

        assertEquals(1, limiter.running());
        assertEquals(Optional.empty(), limiter.verify(MATCHING));

        release.countDown();
        assertTrue(first.get(30, TimeUnit.SECONDS).isPresent());
        assertEquals(0, limiter.running());
        assertTrue(limiter.verify(MATCHING).orElseThrow().match(), "a turn is free again");
    }

    @Test
    void aWaitingCheck_getsTheTurnWhenTheSearchEnds() throws Exception {
        VerificationLimiter limiter = new VerificationLimiter(heldVerifier(), 1, Duration.ofSeconds(30));
        Future<Optional<Verdict>> first = threads.submit(() -> limiter.verify(SEARCHING));
        assertTrue(searching.await(30, TimeUnit.SECONDS));
        CompletableFuture<Optional<Verdict>> second = CompletableFuture.supplyAsync(() -> limiter.verify(MATCHING),
                threads);

        assertFalse(second.isDone());
        release.countDown();

        assertTrue(second.get(30, TimeUnit.SECONDS).orElseThrow().match());
        assertTrue(first.get(30, TimeUnit.SECONDS).isPresent());
    }

    @Test
    void twoTurns_letTwoSearchesRunAtOnce() throws Exception {
        VerificationLimiter limiter = new VerificationLimiter(heldVerifier(), 2, Duration.ZERO);
        Future<Optional<Verdict>> first = threads.submit(() -> limiter.verify(SEARCHING));
        assertTrue(searching.await(30, TimeUnit.SECONDS));

        assertTrue(limiter.verify(MATCHING).isPresent());
        release.countDown();
        assertTrue(first.get(30, TimeUnit.SECONDS).isPresent());
    }

    @Test
    void anInterruptedWait_isARefusal_andKeepsTheInterrupt() {
        VerificationLimiter limiter = new VerificationLimiter(new Verifier(CLOCK), 1, Duration.ofSeconds(30));
        Thread.currentThread().interrupt();
        try {
            assertEquals(Optional.empty(), limiter.verify(MATCHING));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void forThisMachine_leavesHalfTheProcessorsToSigning() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, processors / 2), VerificationLimiter.forThisMachine(new Verifier()).concurrent());
        assertThrows(IllegalArgumentException.class, () -> new VerificationLimiter(new Verifier(), 0, Duration.ZERO));
    }
}
