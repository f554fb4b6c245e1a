package dev.hmac.bot;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.hmac.core.FailureTrace;
import dev.hmac.core.audit.Caller;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request that passed the {@link SlackSignatureCheck} through the Bolt app, the same way on Lambda and on
 * the local server: payloads Bolt can't read get 400, a failing listener gets a bare 500, and no log line holds
 * the body (which may hold a client secret) or an exception's message (which may quote it).
 */
public final class BoltDispatcher {
    /** The host's id of the request, for the audit lines, in Bolt's context ({@link #requestId}). */
    static final String REQUEST_ID = "hmac.requestId";

    private static final Logger LOG = LoggerFactory.getLogger(BoltDispatcher.class);

    private final App app;
    private final SlackRequestParser parser;

    public BoltDispatcher(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    /**
     * A request as the local server received it.
     *
     * @param requestId the server's id of the request, for its audit lines
     */
    public Response dispatch(SlackRequestParser.HttpRequest raw, String requestId) {
        return dispatch(() -> parser.parse(raw), requestId);
    }

    /**
     * @param parsing makes Bolt's request from what arrived; it may throw on what Bolt can't read
     * @param requestId the host's id of the request (Lambda's, the server's), for its audit lines
     */
    public Response dispatch(Supplier<Request<?>> parsing, String requestId) {
        Request<?> request;
        try {
            request = parsing.get();
        } catch (RuntimeException e) {
            // Signed by Slack but not a payload Bolt can read (bad JSON, no view, ...).
            LOG.warn("Unreadable Slack payload: {}", e.getClass().getName());
            return json(400, "{\"error\":\"unreadable payload\"}");
        }
        if (request == null) {
            return json(400, "{\"error\":\"unsupported request\"}");
        }
        if (requestId != null) {
            request.getContext().getAdditionalValues().put(REQUEST_ID, requestId);
        }
        try {
            return app.run(request);
        } catch (Exception e) {
            LOG.error("A listener failed: {}", FailureTrace.of(e));
            return json(500, "{\"error\":\"internal error\"}");
        }
    }

    /** The id the host gave the request; over Socket Mode, which gives none, a new one. */
    public static String requestId(Context context) {
        String id = context.getAdditionalValues().get(REQUEST_ID);
        return id != null ? id : Caller.newRequestId();
    }

    private static Response json(int status, String body) {
        return Response.builder().statusCode(status).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(body).build();
    }
}
