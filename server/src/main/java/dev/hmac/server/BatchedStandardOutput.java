package dev.hmac.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The server's audit lines on standard output, written by a thread of their own, as many at a time as are waiting:
 * a request thread only queues its line, and the writer takes what gathered in {@value #GATHER_MILLIS} ms in one
 * write. Written one by one on the request's thread, each line took standard output's lock and a system call, and
 * signing served far fewer requests per second (docs/performance.md). No line is dropped: when {@value #CAPACITY}
 * wait, the next request waits for room. {@link #close} writes what is left, and a line that comes after it is
 * written at once. A line waits at most about {@value #GATHER_MILLIS} ms, well inside what a log reader notices.
 */
final class BatchedStandardOutput implements Consumer<String>, AutoCloseable {
    static final int CAPACITY = 16_384;
    private static final int MAX_BATCH = 4096;
    private static final long GATHER_MILLIS = 20;
    private static final String END = new String("end of output");
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(CAPACITY);
    private final Supplier<PrintStream> out;
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
        if (!closed) {
            try {
                lines.put(line);
                if (closed) {
                    // Closed while this line went in: the writer may have ended before it.
                    writeWaiting();
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        out().println(line);
    }

    private void writeWaiting() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        for (String line : rest) {
            if (line != END) {
                out().println(line);
            }
        }
    }

    private void write() {
        List<String> batch = new ArrayList<>(MAX_BATCH);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        while (true) {
            String first;
            try {
                first = lines.take();
            } catch (InterruptedException e) {
                return;
            }
            batch.add(first);
            try {
                // Let the lines of the next moment gather: a writer woken for each line costs the request threads
                // their CPU on a small task (two vCPUs), and each wake-up is a signal on the queue.
                Thread.sleep(GATHER_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lines.drainTo(batch, MAX_BATCH - 1);
            boolean end = false;
            for (String line : batch) {
                if (line == END) {
                    end = true;
                } else {
                    bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                    bytes.write('\n');
                }
            }
            // One write under standard output's lock: the access log's lines never land inside a batch's.
            PrintStream out = out();
            try {
                bytes.writeTo(out);
            } catch (IOException e) {
                // PrintStream never throws it; the type says it may
            }
            out.flush();
            batch.clear();
            bytes.reset();
            if (end) {
                return;
            }
        }
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
        try {
            lines.put(END);
            writer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeWaiting();
    }
}
