package dev.hmac.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A clock whose readings wait for {@code release}, then tell {@code base}'s time: a search made with it holds its
 * turn until then.
 */
public final class HeldClock extends Clock {
    private final CountDownLatch searching;
    private final CountDownLatch release;
    private final Clock base;

    /** @param searching counted down at the first reading: a search has its turn */
    public HeldClock(CountDownLatch searching, CountDownLatch release, Clock base) {
        this.searching = searching;
        this.release = release;
        this.base = base;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        searching.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return base.instant();
    }
}
