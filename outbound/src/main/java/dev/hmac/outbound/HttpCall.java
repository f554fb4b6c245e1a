package dev.hmac.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to another service, and its status and body: every outbound call of this project goes through
 * here (Slack's Web API and response_url, the Parameters and Secrets extension and Secrets Manager, the deployed
 * REST API the web form can sign through), so their deadline and size cap are set in one place.
 *
 * <p>The deadline is total, from the connect to the last byte of the answer: a service that drips its answer a
 * byte at a time, or sends its headers and then nothing, costs the caller the deadline and no more. The JDK's
 * {@link HttpURLConnection} only bounds the connect and each read on its own, and a blocked read can't be cut
 * short from outside, so the exchange runs on a thread of its own while the caller waits at most until the
 * deadline; that thread ends at its next read, bounded by the deadline too. {@code HttpURLConnection} because it
 * loads nothing on a cold Lambda beyond what the JDK has, and its kept-alive connections make a warm function's
 * second call cheap. The body is read with its cap while it streams: a declared length over the cap is refused
 * before a byte is read. Redirects are never followed: every caller talks to one known endpoint.
 */
public final class HttpCall {
    /** The status and the body (decoded as UTF-8; an error status's body too). */
    public record Reply(int status, String body) {
    }

    /** The reply's body is larger than the call allows; the rest is not read. */
    public static final class ReplyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        ReplyTooLarge(int limit) {
            super("the reply is larger than " + limit + " bytes");
        }
    }

    /** The whole exchange, connect to last byte, took longer than the call's deadline. */
    public static final class DeadlineExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded(Duration deadline) {
            super("no complete answer within " + deadline.toMillis() + " ms");
        }
    }

    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);
    private static final int DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;

    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration deadline = DEFAULT_DEADLINE;
    private int maxReplyBytes = DEFAULT_MAX_REPLY_BYTES;
    private boolean direct;
    private boolean keepAlive = true;

    private HttpCall(URI uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** @param uri http or https */
    public static HttpCall to(URI uri) {
        return new HttpCall(uri);
    }

    public HttpCall header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The most the whole call may take, from the connect to the last byte of the answer (default 5 s). */
    public HttpCall deadline(Duration total) {
        if (total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("a deadline must be positive");
        }
        this.deadline = total;
        return this;
    }

    /** Past this many bytes of body the call fails with {@link ReplyTooLarge}. */
    public HttpCall maxReplyBytes(int limit) {
        this.maxReplyBytes = limit;
        return this;
    }

    /** Never through a configured proxy: for a service on this host. */
    public HttpCall direct() {
        this.direct = true;
        return this;
    }

    /** Closes the connection after the answer instead of keeping it for the next call (one call at init). */
    public HttpCall closeAfter() {
        this.keepAlive = false;
        return this;
    }

    /** @throws DeadlineExceeded when the answer is not complete within the deadline */
    public Reply get() throws IOException {
        return send("GET", null, null);
    }

    /** @throws DeadlineExceeded when the answer is not complete within the deadline */
    public Reply post(String contentType, byte[] body) throws IOException {
        return send("POST", contentType, body);
    }

    private Reply send(String method, String contentType, byte[] body) throws IOException {
        Exchange exchange = new Exchange(method, contentType, body, System.nanoTime() + deadline.toNanos());
        // A named class, not a lambda or an executor: nothing more to load on a cold Lambda than a thread.
        Thread worker = new Thread(exchange, "hmac-http-call");
        worker.setDaemon(true);
        worker.start();
        return exchange.await();
    }

    /** The request and its answer, on the worker thread; the caller takes the outcome or gives up at the deadline. */
    private final class Exchange implements Runnable {
        private final String method;
        private final String contentType;
        private final byte[] body;
        private final long deadlineNanos;
        private Reply reply;
        private IOException ioFailure;
        private RuntimeException failure;
        private boolean done;

        Exchange(String method, String contentType, byte[] body, long deadlineNanos) {
            this.method = method;
            this.contentType = contentType;
            this.body = body;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public void run() {
            try {
                finish(exchange(), null, null);
            } catch (SocketTimeoutException e) {
                // Every connect and read waits at most the time left, so its timeout is the deadline's: reported as
                // such, whichever of this thread and the caller's wait sees it first on a busy machine.
                finish(null, new DeadlineExceeded(deadline), null);
            } catch (IOException e) {
                finish(null, e, null);
            } catch (RuntimeException e) {
                finish(null, null, e);
            }
        }

        private synchronized void finish(Reply reply, IOException ioFailure, RuntimeException failure) {
            this.reply = reply;
            this.ioFailure = ioFailure;
            this.failure = failure;
            this.done = true;
            notifyAll();
        }

        synchronized Reply await() throws IOException {
            try {
                long left;
                while (!done && (left = deadlineNanos - System.nanoTime()) > 0) {
                    wait(Math.max(1, left / 1_000_000), (int) (left % 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the answer");
            }
            if (!done) {
                throw new DeadlineExceeded(deadline);
            }
            if (ioFailure != null) {
                throw ioFailure;
            }
            if (failure != null) {
                throw failure;
            }
            return reply;
        }

        private Reply exchange() throws IOException {
            HttpURLConnection connection = (HttpURLConnection) (direct ? uri.toURL().openConnection(Proxy.NO_PROXY)
                    : uri.toURL().openConnection());
            boolean complete = false;
            try {
                // Each wait is bounded by the time left; await() holds the caller to the deadline itself.
                connection.setConnectTimeout(millisLeft());
                connection.setReadTimeout(millisLeft());
                connection.setInstanceFollowRedirects(false);
                connection.setUseCaches(false);
                connection.setRequestMethod(method);
                if (contentType != null) {
                    connection.setRequestProperty("Content-Type", contentType);
                }
                // HttpURLConnection sends Host itself, as host[:port] of the URI.
                headers.forEach(connection::setRequestProperty);
                if (body != null) {
                    connection.setDoOutput(true);
                    // Buffered, not fixed-length streaming: the headers and the small body then leave back to back
                    // when the answer is asked for (about 1.4 ms less per Slack call on a warm function, measured).
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body);
                    }
                }
                int status = connection.getResponseCode();
                if (connection.getContentLengthLong() > maxReplyBytes) {
                    throw new ReplyTooLarge(maxReplyBytes);
                }
                Reply answer = new Reply(status, read(status < 400 ? connection.getInputStream() : connection.getErrorStream()));
                complete = true;
                return answer;
            } finally {
                if (!complete || !keepAlive) {
                    // Never leave a half-read answer on a connection that could be reused.
                    connection.disconnect();
                }
            }
        }

        private String read(InputStream stream) throws IOException {
            if (stream == null) {
                return "";
            }
            try (stream) {
                byte[] bytes = new byte[Math.min(8192, maxReplyBytes + 1)];
                int length = 0;
                int n;
                while ((n = stream.read(bytes, length, bytes.length - length)) >= 0) {
                    length += n;
                    if (length > maxReplyBytes) {
                        throw new ReplyTooLarge(maxReplyBytes);
                    }
                    if (System.nanoTime() - deadlineNanos > 0) {
                        throw new DeadlineExceeded(deadline);
                    }
                    if (length == bytes.length) {
                        bytes = Arrays.copyOf(bytes, Math.min(bytes.length * 2, maxReplyBytes + 1));
                    }
                }
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
        }

        private int millisLeft() throws DeadlineExceeded {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new DeadlineExceeded(deadline);
            }
            return (int) Math.min(Integer.MAX_VALUE, left);
        }
    }
}
