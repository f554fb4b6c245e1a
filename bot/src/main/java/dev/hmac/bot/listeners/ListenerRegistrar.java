package dev.hmac.bot.listeners;

import com.slack.api.bolt.App;
import com.slack.api.bolt.handler.builtin.GlobalShortcutHandler;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.GlobalShortcutRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the app's listeners, one call each, and knows from them which kinds of request the app handles. As
 * the app's middleware it lets only those through to Bolt's routing, which trusts the payload's shape (a
 * view_closed without a view throws), and a view submission or a shortcut only with what its routing reads (the
 * view, the callback id): anything else is answered before it, 404 or 400, on every host (HTTP, Lambda, Socket
 * Mode).
 */
public final class ListenerRegistrar implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerRegistrar.class);

    private final App app;
    /** Slack's url_verification, which Bolt answers itself, and the kinds registered below. */
    private final Set<RequestType> routed = EnumSet.of(RequestType.UrlVerification);

    /** Registers on {@code app}, and as its last middleware. */
    public ListenerRegistrar(App app) {
        this.app = app;
        app.use(this);
    }

    public ListenerRegistrar command(String command, SlashCommandHandler listener) {
        app.command(command, listener);
        routed.add(RequestType.Command);
        return this;
    }

    public ListenerRegistrar viewSubmission(String callbackId, ViewSubmissionHandler listener) {
        app.viewSubmission(callbackId, listener);
        routed.add(RequestType.ViewSubmission);
        return this;
    }

    public ListenerRegistrar globalShortcut(String callbackId, GlobalShortcutHandler listener) {
        app.globalShortcut(callbackId, listener);
        routed.add(RequestType.GlobalShortcut);
        return this;
    }

    /** The kinds of request that reach a listener (or Bolt's own answer). */
    public Set<RequestType> routed() {
        return Collections.unmodifiableSet(routed);
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (!routed.contains(req.getRequestType())) {
            LOG.warn("No listener for a Slack request of type {}", req.getRequestType());
            return json(404, "{\"error\":\"no handler found\"}");
        }
        if (req instanceof ViewSubmissionRequest && ((ViewSubmissionRequest) req).getPayload().getView() == null) {
            LOG.warn("Unreadable Slack payload: a view submission without a view");
            return json(400, "{\"error\":\"unreadable payload\"}");
        }
        if (req instanceof GlobalShortcutRequest && ((GlobalShortcutRequest) req).getPayload().getCallbackId() == null) {
            LOG.warn("Unreadable Slack payload: a shortcut without a callback id");
            return json(400, "{\"error\":\"unreadable payload\"}");
        }
        return chain.next(req);
    }

    private static Response json(int status, String body) {
        return Response.builder().statusCode(status).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(body).build();
    }
}
