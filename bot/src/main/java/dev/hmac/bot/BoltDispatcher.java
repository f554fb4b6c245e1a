package dev.hmac.bot;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.hmac.core.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a request that passed the {@link SlackGate} to Bolt, the same way on Lambda and on the local server:
 * payloads Bolt can't read get 400, kinds of request the app has no listener for get 404, a failing listener
 * gets a bare 500, and no log line holds the body.
 */
public final class BoltDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(BoltDispatcher.class);

    private final App app;
    private final SlackRequestParser parser;

    public BoltDispatcher(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    public Response dispatch(SlackRequestParser.HttpRequest raw) {
        Request<?> request;
        try {
            request = parser.parse(raw);
        } catch (RuntimeException e) {
            // Signed by Slack but not a payload Bolt can read (bad JSON, no view, ...).
            LOG.warn("Unreadable Slack payload: {}", e.getClass().getName());
            return json(400, "{\"error\":\"unreadable payload\"}");
        }
        if (request == null) {
            return json(400, "{\"error\":\"unsupported request\"}");
        }
        // Bolt's routing trusts the payload's shape (a view_closed without a view throws), so it sees only the
        // kinds of request this app listens to, and only with what their routing reads.
        if (!SlackApp.ROUTED.contains(request.getRequestType())) {
            LOG.warn("No listener for a Slack request of type {}", request.getRequestType());
            return json(404, "{\"error\":\"no handler found\"}");
        }
        if (request instanceof ViewSubmissionRequest && ((ViewSubmissionRequest) request).getPayload().getView() == null) {
            LOG.warn("Unreadable Slack payload: a view submission without a view");
            return json(400, "{\"error\":\"unreadable payload\"}");
        }
        try {
            return app.run(request);
        } catch (Exception e) {
            LOG.error("A listener failed: {}", Failures.describe(e));
            return json(500, "{\"error\":\"internal error\"}");
        }
    }

    private static Response json(int status, String body) {
        return Response.builder().statusCode(status).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(body).build();
    }
}
