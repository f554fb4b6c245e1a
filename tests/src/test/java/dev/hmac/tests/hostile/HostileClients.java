package dev.hmac.tests.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What hostile clients do to a server on loopback, and what comes of it: many slow clients at once (slow request
 * headers, slow bodies, readers that never read) while {@code /healthz} is probed from another loopback address
 * (127.0.0.2, so no per-address rule could tell the probe from the attack), and requests shaped to desynchronise
 * a connection. Each scenario is bounded in clients and time and reports what it saw; {@link HostileClientsIT}
 * asserts on the reports, {@code scripts/hostile} prints them for the server jars it is given.
 */
public final class HostileClients {
    /** The address the probes come from: another loopback address than the attack's. */
    static final String PROBE_ADDRESS = "127.0.0.2";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    private HostileClients() {
    }

    /** The kinds of slow client. */
    public enum Slow {
        /** The request line at once, then a header byte a second. */
        HEADERS,
        /** Complete headers declaring a 1000-byte body, then a body byte a second. */
        BODY,
        /** 2000 {@code GET /} pipelined at once, and not a byte of the answers read. */
        READER
    }

    /**
     * What came of a slow-client scenario.
     *
     * @param dropped      the slow connections the server closed before the scenario ended
     * @param dropSeconds  how long the server held each dropped one, sorted
     * @param probes       {@code /healthz} probes sent from {@link #PROBE_ADDRESS}, one a second
     * @param answered     probes answered 200 within {@link #PROBE_TIMEOUT}
     */
    public record SlowOutcome(Slow kind, int clients, int dropped, List<Double> dropSeconds, int probes, int answered) {
        public double medianDropSeconds() {
            return dropSeconds.isEmpty() ? Double.NaN : dropSeconds.get(dropSeconds.size() / 2);
        }

        @Override
        public String toString() {
            return String.format("%s x%d: %d/%d dropped by the server (median after %.1f s), /healthz probes answered %d/%d",
                    kind, clients, dropped, clients, medianDropSeconds(), answered, probes);
        }
    }

    /**
     * {@code clients} slow connections at once, for at most {@code duration}, with a probe of {@code /healthz} each
     * second meanwhile.
     */
    public static SlowOutcome slow(URI server, Slow kind, int clients, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<Double> drops = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finished = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(() -> {
                try {
                    Double held = slowClient(server, kind, end);
                    if (held != null) {
                        drops.add(held);
                    }
                } finally {
                    finished.countDown();
                }
            }, "slow-client");
            client.setDaemon(true);
            client.start();
        }
        int probes = 0;
        int answered = 0;
        Thread.sleep(300); // let the attack take hold
        while (System.nanoTime() < end - TimeUnit.SECONDS.toNanos(1) && finished.getCount() > 0) {
            long next = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            probes++;
            if (probe(server) == 200) {
                answered++;
            }
            long left = next - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        }
        finished.await(Math.max(0, end - System.nanoTime()) + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS);
        List<Double> sorted = new ArrayList<>(drops);
        Collections.sort(sorted);
        return new SlowOutcome(kind, clients, sorted.size(), List.copyOf(sorted), probes, answered);
    }

    /** The seconds until the server closed this connection, or null if it still held it at the end. */
    private static Double slowClient(URI server, Slow kind, long end) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            if (kind == Slow.READER) {
                socket.setReceiveBufferSize(4096); // small, so the server's answers back up quickly
            }
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5000);
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] trickle;
            switch (kind) {
                case HEADERS -> {
                    out.write(ascii("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
                    trickle = ascii("X-Slow: " + "a".repeat(60) + "\r\n");
                }
                case BODY -> {
                    out.write(ascii("POST /signature HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n"));
                    trickle = ascii("{\"callback\":\"" + "a".repeat(990));
                }
                default -> {
                    out.write(ascii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(2000)));
                    trickle = null;
                }
            }
            out.flush();
            int sent = 0;
            while (System.nanoTime() < end) {
                if (trickle != null) {
                    out.write(trickle[sent++ % trickle.length]);
                    out.flush();
                    if (closedByServer(in, 1000)) {
                        return seconds(start);
                    }
                } else if (closedByServer(socket)) {
                    return seconds(start);
                } else {
                    Thread.sleep(1000);
                }
            }
            return null;
        } catch (SocketException e) {
            return seconds(start); // reset or broken pipe: the server closed it
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Reads (and drops) what the server sent for up to {@code millis}; true when it closed the connection. */
    private static boolean closedByServer(InputStream in, long millis) throws IOException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < until) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // nothing yet
            }
        }
        return false;
    }

    /** For a reader that never reads: whether the server has closed, seen without reading what it sent. */
    private static boolean closedByServer(Socket socket) throws IOException {
        // A write to a connection the server closed fails (after the first one: its reset).
        socket.getOutputStream().write(ascii("\r\n"));
        socket.getOutputStream().flush();
        return false;
    }

    /** A {@code GET /healthz} from {@link #PROBE_ADDRESS}: its status, or 0 when none came in time. */
    static int probe(URI server) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(PROBE_ADDRESS, 0));
            socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), (int) PROBE_TIMEOUT.toMillis());
            socket.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
            socket.getOutputStream().write(ascii("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
            List<Integer> statuses = statuses(readAll(socket.getInputStream()));
            return statuses.isEmpty() ? 0 : statuses.get(0);
        } catch (IOException e) {
            return 0;
        }
    }

    // ---- desync ----

    /** A request with something after it on the same connection, and what must come back. */
    public record Shape(String name, byte[] bytes, List<Integer> expected) {
    }

    private static final String SMUGGLED = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final String VECTOR = "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
            + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"timestamp\":1444762678}";

    /** Shapes that left bytes behind for the JDK server to take as a request; here each must leave nothing. */
    public static List<Shape> desyncShapes() {
        String post = "POST /signature HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape("a broken chunk size, then a request", ascii(post + "Transfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n" + SMUGGLED), List.of(400)));
        shapes.add(new Shape("a chunk longer than its size, then a request", ascii(post + "Transfer-Encoding: chunked\r\n\r\n"
                + "2\r\n{}}}\r\n0\r\n\r\n" + SMUGGLED), List.of(400)));
        // Trailer fields are read as trailers: the request is answered, and the one after it is a request of its own.
        shapes.add(new Shape("trailer fields, then a pipelined request", ascii(post + "Transfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(VECTOR.length()) + "\r\n" + VECTOR + "\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
                + SMUGGLED), List.of(200, 200)));
        shapes.add(new Shape("Content-Length and Transfer-Encoding both", ascii(post + "Content-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED), List.of(400)));
        shapes.add(new Shape("two different Content-Lengths", ascii(post + "Content-Length: 2\r\nContent-Length: "
                + (2 + SMUGGLED.length()) + "\r\n\r\n{}" + SMUGGLED), List.of(400)));
        shapes.add(new Shape("a body too large, holding a request", ascii(post + "Content-Length: " + (20_000 + SMUGGLED.length())
                + "\r\n\r\n" + SMUGGLED + "x".repeat(20_000)), List.of(413)));
        shapes.add(new Shape("a form of the wrong type, holding a request", ascii("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED), List.of(415)));
        shapes.add(new Shape("a body on GET /healthz, holding a request", ascii("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED), List.of(200)));
        shapes.add(new Shape("a body cut short, then nothing", ascii(post + "Content-Length: 500\r\n\r\n{\"a\":"), List.of(400)));
        return shapes;
    }

    /** The statuses of every answer on the connection, until the server closes it (or a few seconds pass). */
    public static List<Integer> send(URI server, Shape shape) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(shape.bytes());
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return statuses(readAll(socket.getInputStream()));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | SocketException e) {
            // what came before the timeout or the reset is the answer
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status of each answer in what a connection received, one after the other, each as long as it says. */
    static List<Integer> statuses(String received) {
        List<Integer> statuses = new ArrayList<>();
        int from = 0;
        while (from < received.length()) {
            Matcher status = STATUS.matcher(received).region(from, received.length());
            int headEnd = received.indexOf("\r\n\r\n", from);
            if (!status.lookingAt() || headEnd < 0) {
                break;
            }
            statuses.add(Integer.parseInt(status.group(1)));
            Matcher length = CONTENT_LENGTH.matcher(received.substring(from, headEnd));
            from = headEnd + 4 + (length.find() ? Integer.parseInt(length.group(1)) : 0);
        }
        return statuses;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

}
