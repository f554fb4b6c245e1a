package dev.hmac.bot;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;

/**
 * Authorization for a single-workspace app whose bot token is configured: puts the token in the context.
 *
 * <p>Replaces Bolt's SingleTeamAuthorization, which calls auth.test (up to three times on a cold start) before
 * the listener runs, while the trigger_id's 3 seconds tick. The token is verified by Slack on the first real
 * call (views.open) anyway.
 */
public final class KnownBotToken implements Middleware {
    private final String botToken;

    public KnownBotToken(String botToken) {
        this.botToken = botToken;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        req.getContext().setBotToken(botToken);
        return chain.next(req);
    }
}
