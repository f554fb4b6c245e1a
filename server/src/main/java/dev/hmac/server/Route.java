package dev.hmac.server;

/**
 * One path of the server. The router calls {@link #answer(RequestHead)} once the request line and headers are in;
 * a route that needs the body returns null, and the router reads it (without holding a thread while it arrives)
 * and calls {@link #answer(RequestHead, Body)}. An answer may take time (a call to Slack, to HMAC_API_URL): each
 * outbound call has its own deadline.
 */
interface Route {

    /** The answer from the request line and headers alone (a page, a wrong method, type or key), or null to read the body. */
    Answer answer(RequestHead head);

    /** The most body this route reads; a larger one is refused, unread. */
    default int maxBodyBytes() {
        return 0;
    }

    /** The answer to the body, or to why it could not be read. Called only when {@link #answer(RequestHead)} gave null. */
    default Answer answer(RequestHead head, Body body) {
        throw new IllegalStateException("this route reads no body");
    }
}
