package dev.hmac.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without holding a thread while it arrives (Jetty calls back as bytes come in), up to a
 * limit, at a minimum data rate: counted from the end of the headers, after a 2-second allowance, the body must
 * have come at {@value #MIN_BYTES_PER_SECOND} bytes a second or more (a 16 KiB form within 18 s), or it is
 * refused as too slow, whether the client trickles bytes or sends none.
 *
 * <p>Not Jetty's {@code MinimumDataRateHandler}: it divides the bytes read by every request that passed it (its
 * statistics counter) by one request's time, so a slow client among busy ones passes, and it looks only when the
 * application asks for more data, so a client that stops sending is caught by the idle timeout alone.
 */
final class BodyReader implements Runnable {
    static final long MIN_BYTES_PER_SECOND = 1024;
    static final long ALLOWANCE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Request request;
    private final int limit;
    private final Consumer<Body> done;
    private final AtomicBoolean finished = new AtomicBoolean();
    private byte[] bytes = new byte[0];
    private int length;
    private volatile long received;
    private Scheduler.Task timer;

    private BodyReader(Request request, int limit, Consumer<Body> done) {
        this.request = request;
        this.limit = limit;
        this.done = done;
    }

    /** Reads the body and hands {@code done} the outcome, exactly once, on whichever thread gets there. */
    static void read(Request request, int limit, Consumer<Body> done) {
        if (request.getLength() > limit) {
            done.accept(Body.Refused.TOO_LARGE); // declared over the limit: not a byte is read
            return;
        }
        new BodyReader(request, limit, done).run();
    }

    /** Takes what has arrived; then waits for more, or finishes. Jetty calls it again when more arrives. */
    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                if (tooSlow()) {
                    finish(Body.Refused.TOO_SLOW);
                    return;
                }
                armTimer();
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                // A last failure is broken framing or an early end; a transient one, an idle timeout.
                finish(chunk.isLast() ? Body.Refused.CUT_SHORT : Body.Refused.TOO_SLOW);
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (length + n > limit) {
                chunk.release();
                finish(Body.Refused.TOO_LARGE);
                return;
            }
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(length + n, bytes.length * 2)));
            }
            buffer.get(bytes, length, n);
            length += n;
            received = length;
            // All of a declared length is all of the body: no need to ask for its end.
            boolean last = chunk.isLast() || length == request.getLength();
            chunk.release();
            if (last) {
                finish(new Body.Read(length == bytes.length ? bytes : Arrays.copyOf(bytes, length)));
                return;
            }
        }
    }

    /** Whether the bytes so far are fewer than the minimum rate asks for by now. */
    private boolean tooSlow() {
        return NanoTime.since(request.getHeadersNanoTime()) > deadlineNanos(received);
    }

    /** How long after the headers the body may take to reach this many bytes. */
    private static long deadlineNanos(long bytes) {
        return ALLOWANCE_NANOS + bytes * TimeUnit.SECONDS.toNanos(1) / MIN_BYTES_PER_SECOND;
    }

    /** Checks the rate when the time for the bytes so far runs out, in case nothing more arrives by then. */
    private synchronized void armTimer() {
        if (timer != null || finished.get()) {
            return;
        }
        long wait = deadlineNanos(received) - NanoTime.since(request.getHeadersNanoTime());
        timer = request.getComponents().getScheduler().schedule(this::timerFired, Math.max(1, wait), TimeUnit.NANOSECONDS);
    }

    private void timerFired() {
        synchronized (this) {
            timer = null;
        }
        if (finished.get()) {
            return;
        }
        if (tooSlow()) {
            // The scheduler's thread must not run a route: the answer is made on a thread of the pool.
            request.getComponents().getExecutor().execute(() -> finish(Body.Refused.TOO_SLOW));
        } else {
            armTimer();
        }
    }

    private void finish(Body body) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
        done.accept(body);
    }
}
