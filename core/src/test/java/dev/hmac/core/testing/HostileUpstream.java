package dev.hmac.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service on loopback that answers every request badly, for the callers' deadlines and size caps: it drips its
 * answer, hangs after its headers, or sends more than anyone should read. Bounded: it stops sending after
 * {@link #MAX_SECONDS} s or {@link #MAX_BYTES} bytes a connection, whichever comes first.
 */
public final class HostileUpstream implements AutoCloseable {
    public static final long MAX_SECONDS = 30;
    public static final long MAX_BYTES = 300L * 1024 * 1024;

    public enum Behaviour {
        /** A complete, valid JSON answer, one byte every 100 ms: about 10 s for the whole of it. */
        DRIP,
        /** Its headers at once, then nothing of the body it declared. */
        HANG,
        /** 300 MB of body, as fast as the caller reads, without a Content-Length. */
        HUGE,
        /** 300 MB of body with its Content-Length declared. */
        HUGE_DECLARED
    }

    private static final String BODY = "{\"ok\":true,\"signature\":\"c2lnbmF0dXJl\",\"padding\":\"" + "x".repeat(40) + "\"}";

    private final Behaviour behaviour;
    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();

    private HostileUpstream(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static HostileUpstream start(Behaviour behaviour) throws IOException {
        return new HostileUpstream(behaviour);
    }

    /** http://127.0.0.1:port plus the path. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** The requests it has read so far. */
    public int requests() {
        return requests.get();
    }

    /** The bytes of answers it has written so far, headers included. */
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread answer = new Thread(() -> answer(connection), "hostile-upstream-answer");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answer(Socket connection) {
        try (connection) {
            connection.setSoTimeout((int) TimeUnit.SECONDS.toMillis(MAX_SECONDS));
            readRequest(connection.getInputStream());
            requests.incrementAndGet();
            OutputStream out = connection.getOutputStream();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
            switch (behaviour) {
                case DRIP -> {
                    byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + BODY.length() + "\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < answer.length && System.nanoTime() < until; i++) {
                        send(out, answer, i, 1);
                        Thread.sleep(100);
                    }
                }
                case HANG -> {
                    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + BODY.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    send(out, head, 0, head.length);
                    // Waits for the caller to give up: its read returns -1 then, or the bound runs out.
                    connection.getInputStream().read();
                }
                case HUGE, HUGE_DECLARED -> {
                    String length = behaviour == Behaviour.HUGE_DECLARED ? "Content-Length: " + MAX_BYTES + "\r\n"
                            : "Connection: close\r\n";
                    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + length + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    send(out, head, 0, head.length);
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'x');
                    chunk[0] = '"';
                    for (long sent = 0; sent < MAX_BYTES && System.nanoTime() < until; sent += chunk.length) {
                        send(out, chunk, 0, chunk.length);
                    }
                }
                default -> throw new IllegalStateException(behaviour.name());
            }
        } catch (IOException e) {
            // the caller hung up: what these answers are for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(OutputStream out, byte[] bytes, int from, int length) throws IOException {
        out.write(bytes, from, length);
        out.flush();
        bytesSent.addAndGet(length);
    }

    /** Reads the head and, by its Content-Length, the body of one request. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended in its head");
            }
            head.append((char) b);
        }
        long length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes((int) Math.min(length, 1024 * 1024));
    }
}
