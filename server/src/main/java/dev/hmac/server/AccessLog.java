package dev.hmac.server;

import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Attributes;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access-log line per request, the ones the server refuses itself included: method, path, status, time, and
 * for some a note in our own words. Never a query string, header or body, and a path or method only when it is
 * one this server knows (a client can put anything there, a secret too). Jetty calls {@link #log} once a request
 * is complete, routed or refused; a connection dropped before its headers were in is logged by
 * {@link #dropped}.
 */
final class AccessLog implements RequestLog {
    private static final Logger ACCESS = LoggerFactory.getLogger("hmac.access");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT");
    /** On a request: the path to log, set by the router. Absent: the server refused the request before routing. */
    private static final String ROUTED = "hmac.access.path";
    private static final String NOTE = "hmac.access.note";
    /** On a connection: it was dropped and logged as such; whatever Jetty makes of it afterwards is not a request. */
    private static final String DROPPED = "hmac.access.dropped";

    /** @param path one of the router's paths, or the placeholder for any other */
    static void routed(Request request, String path) {
        request.setAttribute(ROUTED, path);
    }

    /** A few words of ours, never a client's, for the request's line. */
    static void note(Request request, String note) {
        request.setAttribute(NOTE, note);
    }

    /** The line of a connection dropped before it had a request, which then gets no line of its own. */
    static void dropped(Attributes connection, int status, long millis, String note) {
        connection.setAttribute(DROPPED, Boolean.TRUE);
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info("- - {} {}ms ({})", status, millis, note);
        }
    }

    @Override
    public void log(Request request, Response response) {
        if (!ACCESS.isInfoEnabled() || request.getConnectionMetaData().getAttribute(DROPPED) != null) {
            return;
        }
        long millis = NanoTime.millisSince(request.getBeginNanoTime());
        Object path = request.getAttribute(ROUTED);
        int status = response.getStatus();
        if (path == null) {
            ACCESS.info("- - {} {}ms (refused by the server: {})", status, millis, refusal(status));
            return;
        }
        Object note = request.getAttribute(NOTE);
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "(other method)";
        if (note == null) {
            ACCESS.info("{} {} {} {}ms", method, path, status, millis);
        } else {
            ACCESS.info("{} {} {} {}ms ({})", method, path, status, millis, note);
        }
    }

    /** What the status of a request refused before routing means; Jetty's own reason may quote the request. */
    static String refusal(int status) {
        switch (status) {
            case 400:
                return "a malformed request line, header or body framing";
            case 408:
                return "the request took too long";
            case 413:
                return "the request is too large";
            case 414:
                return "the request target is too long";
            case 431:
                return "the headers are too large";
            case 501:
                return "a transfer coding the server does not implement";
            case 503:
                return "the server is stopping";
            case 505:
                return "an HTTP version the server does not speak";
            default:
                return "HTTP " + status;
        }
    }
}
