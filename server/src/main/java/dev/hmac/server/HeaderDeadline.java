package dev.hmac.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Drops a connection whose request line and headers are not all in {@value #SECONDS} s after their first byte,
 * with a 408 and an access-log line. Jetty parses headers without a thread, but its only bound on them is the
 * idle timeout, which a client sending a byte a second never meets: each second, this looks at the parser of
 * every open connection (Jetty's HTTP/1 connection, from its internal package, is the one that has it).
 */
final class HeaderDeadline implements Runnable {
    static final long SECONDS = 5;
    private static final long NANOS = TimeUnit.SECONDS.toNanos(SECONDS);
    private static final String TIMEOUT_BODY = "{\"error\":\"The request line and headers took longer than " + SECONDS + " s.\"}";
    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json; "
            + "charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: " + TIMEOUT_BODY.length() + "\r\nConnection: close\r\n\r\n" + TIMEOUT_BODY)
            .getBytes(StandardCharsets.US_ASCII);

    private final AbstractConnector connector;
    private final Scheduler scheduler;
    private volatile boolean stopped;

    private HeaderDeadline(AbstractConnector connector) {
        this.connector = connector;
        this.scheduler = connector.getScheduler();
    }

    /** Starts the checks on a started connector; they end with {@link #stop()}. */
    static HeaderDeadline start(AbstractConnector connector) {
        HeaderDeadline deadline = new HeaderDeadline(connector);
        deadline.scheduler.schedule(deadline, 1, TimeUnit.SECONDS);
        return deadline;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        if (stopped) {
            return;
        }
        try {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection connection) {
                    check(endPoint, connection);
                }
            }
        } finally {
            if (!stopped) {
                scheduler.schedule(this, 1, TimeUnit.SECONDS);
            }
        }
    }

    private static void check(EndPoint endPoint, HttpConnection connection) {
        HttpParser parser = connection.getParser();
        // START: between requests, where the idle timeout applies; from CONTENT on, the request is the router's.
        if (parser.getState() == HttpParser.State.START || !parser.inHeaderState()) {
            return;
        }
        long elapsed = NanoTime.since(parser.getBeginNanoTime());
        if (elapsed <= NANOS || connection.getAttribute(HeaderDeadline.class.getName()) != null) {
            return;
        }
        connection.setAttribute(HeaderDeadline.class.getName(), Boolean.TRUE);
        AccessLog.dropped(connection, 408, TimeUnit.NANOSECONDS.toMillis(elapsed),
                "request line and headers took longer than " + SECONDS + " s");
        // Best effort: a client this slow may not read it. The connection closes either way.
        endPoint.setIdleTimeout(1000);
        endPoint.write(Callback.from(endPoint::close, failure -> endPoint.close()), ByteBuffer.wrap(REQUEST_TIMEOUT));
    }
}
