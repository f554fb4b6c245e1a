package dev.hmac.server;

import dev.hmac.aws.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The server's audit lines on standard output, made and written by a thread of their own, as many at a time as
 * are waiting: a request thread only queues what makes its line, and the writer makes and writes what gathered in
 * {@value #GATHER_MILLIS} ms in one write. Written one by one on the request's thread, each line took standard output's lock and a system call, and
 * signing served far fewer requests per second (docs/performance.md). The queue takes a line without a lock: with a
 * blocking queue's lock, the request threads queued behind one another on every signing, and each hand-over was a
 * park and an unpark in the kernel. When {@value #HELP_AT} lines wait (a busy pool leaves the writer little CPU),
 * the request's thread that finds them writes them itself. No line is dropped: when {@value #CAPACITY} wait, the
 * next request waits for room. {@link #close} writes what is left, and a line that comes after it is written at once. A line waits at most
 * about {@value #GATHER_MILLIS} ms, well inside what a log reader notices.
 */
final class BatchedStandardOutput implements JsonLog.DeferringSink, AutoCloseable {
    static final int CAPACITY = 16_384;
    /** Waiting lines at which a request's thread writes them itself: about a millisecond's work. */
    static final int HELP_AT = 1_024;
    private static final long GATHER_MILLIS = 20;
    private static final long CLOSE_WAIT_SECONDS = 5;

    /** Lines, and what makes a line ({@link #acceptLater}). */
    private final ConcurrentLinkedQueue<Object> lines = new ConcurrentLinkedQueue<>();
    /** How many lines are queued: the queue's own size() walks it. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Supplier<PrintStream> out;
    /** Held by whichever thread writes a batch: the writer, or a request's thread helping it. */
    private final ReentrantLock writing = new ReentrantLock();
    /** The batch being written; only under {@link #writing}. */
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
    private final Thread writer;
    private volatile boolean closed;

    /** Standard output as it is at each write. */
    BatchedStandardOutput() {
        this(() -> System.out);
    }

    BatchedStandardOutput(Supplier<PrintStream> out) {
        this.out = out;
        writer = new Thread(this::write, "hmac-audit-output");
        // Daemon: a line waiting here never keeps the JVM up; close() (the server's stop) writes them first.
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void accept(String line) {
        queue(line);
    }

    /** The line is made on the writer's thread: the request's thread only hands over what makes it. */
    @Override
    public void acceptLater(Supplier<String> line) {
        queue(line);
    }

    private void queue(Object line) {
        if (!closed) {
            waiting.incrementAndGet();
            lines.offer(line);
            if (waiting.get() >= HELP_AT && writing.tryLock()) {
                // The writer is behind (one thread among a busy pool's many gets little CPU): this request's thread
                // writes what waits, so the lines cost the requests that made them, not a stall later.
                try {
                    drainAndWrite();
                } finally {
                    writing.unlock();
                }
            }
            while (waiting.get() >= CAPACITY && !closed) {
                // Full while another thread writes: wait for it rather than drop the line.
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
            }
            if (closed) {
                // Closed while this line went in: the writer may have ended before it.
                writeWaiting();
            }
            return;
        }
        out().println(text(line));
    }

    private static String text(Object line) {
        if (line instanceof String text) {
            return text;
        }
        @SuppressWarnings("unchecked")
        Supplier<String> making = (Supplier<String>) line;
        return making.get();
    }

    private void writeWaiting() {
        Object line;
        while ((line = lines.poll()) != null) {
            waiting.decrementAndGet();
            out().println(text(line));
        }
    }

    private void write() {
        while (true) {
            // Read before the drain: a line queued before close() is in this drain or in close()'s own.
            boolean last = closed;
            if (!last) {
                // Let the lines of the next moment gather: a writer woken for each line costs the request threads
                // their CPU on a small task (two vCPUs).
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS));
            }
            writing.lock();
            try {
                drainAndWrite();
            } finally {
                writing.unlock();
            }
            if (last) {
                return;
            }
        }
    }

    /** Makes and writes what waits, in one write. Under {@link #writing}. */
    private void drainAndWrite() {
        int taken = 0;
        Object line;
        while ((line = lines.poll()) != null) {
            bytes.writeBytes(text(line).getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
            taken++;
        }
        if (taken == 0) {
            return;
        }
        waiting.addAndGet(-taken);
        // One write under standard output's lock: the access log's lines never land inside a batch's.
        PrintStream out = out();
        try {
            bytes.writeTo(out);
        } catch (IOException e) {
            // PrintStream never throws it; the type says it may
        }
        out.flush();
        bytes.reset();
    }

    private PrintStream out() {
        return out.get();
    }

    /** Writes what is waiting, then the thread ends; later lines are written on their caller's thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeWaiting();
    }
}
