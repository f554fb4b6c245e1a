package dev.hmac.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * After an answer to a request whose body was refused unread (413, 415, 403, ...), reads and drops what the client
 * is still sending, up to {@value #MAX_BYTES} bytes and {@value #MAX_SECONDS} s, without a thread while it waits;
 * then the connection closes. Closing with unread data sends a TCP reset, and a client still sending (a 2 MiB
 * paste) then loses the answer and reports "connection reset" instead of the 413.
 */
final class LeftoverBody implements Runnable {
    static final int MAX_BYTES = 4 * 1024 * 1024;
    static final long MAX_SECONDS = 5;

    private final Request request;
    private final Runnable then;
    private final AtomicBoolean finished = new AtomicBoolean();
    private long dropped;
    private Scheduler.Task deadline;

    private LeftoverBody(Request request, Runnable then) {
        this.request = request;
        this.then = then;
    }

    /** Drops what is left of the body, or does not try when more than the cap is declared; then runs {@code then}. */
    static void discard(Request request, Runnable then) {
        if (request.getLength() > MAX_BYTES) {
            then.run(); // not worth reading: the connection closes on it
            return;
        }
        LeftoverBody leftover = new LeftoverBody(request, then);
        leftover.deadline = request.getComponents().getScheduler().schedule(leftover::finish, MAX_SECONDS, TimeUnit.SECONDS);
        leftover.run();
    }

    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            dropped += chunk.remaining();
            boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
            chunk.release();
            if (end || dropped > MAX_BYTES) {
                finish();
                return;
            }
        }
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            deadline.cancel();
            then.run();
        }
    }
}
