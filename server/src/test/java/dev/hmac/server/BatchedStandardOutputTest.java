package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BatchedStandardOutputTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> written() {
        synchronized (out) {
            String text = bytes.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n", -1)).subList(0, text.split("\n", -1).length - 1);
        }
    }

    @Test
    void linesFromManyThreadsAtOnce_areAllWrittenWhole_byTheTimeItCloses() throws Exception {
        BatchedStandardOutput output = new BatchedStandardOutput(() -> out);
        int threads = 8;
        int each = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    output.accept("{\"thread\":" + thread + ",\"line\":" + i + "}");
                }
            });
            writer.start();
            writers.add(writer);
        }
        go.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        output.close();

        List<String> lines = written();
        assertEquals(threads * each, lines.size(), "more than the queue holds: some waited for room, none dropped");
        Set<String> distinct = new HashSet<>(lines);
        assertEquals(threads * each, distinct.size());
        for (String line : lines) {
            assertEquals('{', line.charAt(0), line);
            assertEquals('}', line.charAt(line.length() - 1), line);
        }
    }

    @Test
    void aLineAfterClose_isWrittenAtOnce() {
        BatchedStandardOutput output = new BatchedStandardOutput(() -> out);
        output.accept("before");
        output.close();
        output.close();

        output.accept("after");

        assertEquals(List.of("before", "after"), written());
    }
}
