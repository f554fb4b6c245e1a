package dev.hmac.server;

/** What the router got of a request's body: all of it, or why not. */
sealed interface Body {

    /** The whole body, read to its end within the route's limit. */
    record Read(byte[] bytes) implements Body {
    }

    /** The body was not read to its end; the connection closes after the answer. */
    enum Refused implements Body {
        /** Over the route's limit, declared or as it streamed: the rest is not read. */
        TOO_LARGE,
        /** Broken chunked framing, or the client stopped before its Content-Length. */
        CUT_SHORT,
        /** Slower than the minimum data rate ({@link BodyReader}). */
        TOO_SLOW
    }
}
