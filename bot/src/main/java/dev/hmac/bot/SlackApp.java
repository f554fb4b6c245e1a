package dev.hmac.bot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import dev.hmac.bot.listeners.HmacCommandListener;
import dev.hmac.bot.listeners.ListenerRegistrar;
import dev.hmac.bot.listeners.SignSubmissionListener;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.Signer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one app factory: the same Bolt app serves the Lambda handler, the local server and Socket Mode.
 *
 * <p>Its middleware is not Bolt's default: no request verification, because every HTTP request has passed the
 * {@link SlackSignatureCheck} before Bolt sees it (Socket Mode's arrive over the app-token's WebSocket), and no
 * authorization by {@code auth.test}, which would stand between {@code /hmac} and {@code views.open} (see
 * {@link KnownBotToken}).
 */
public final class SlackApp {
    /**
     * Both Slack calls must finish, connect to last byte, inside Slack's 3-second deadlines with room for the ack:
     * views.open before the trigger_id expires, the response_url post before the modal submission's own ack is due.
     */
    public static final Duration SLACK_CALL_DEADLINE = Duration.ofMillis(2000);

    private SlackApp() {
    }

    public static App create(BotConfig config) {
        return create(config, new Signer(), webApi(config));
    }

    /** The Web API client the listeners use, with deadlines inside Slack's. */
    public static SlackWebApi webApi(BotConfig config) {
        return new SlackWebApi(config.apiUrl(), SLACK_CALL_DEADLINE);
    }

    public static App create(BotConfig config, Signer signer, SlackWebApi web) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.apiUrl());
        // No metrics: they start background threads and do nothing for a function that lives per request.
        slackConfig.setStatsEnabled(false);
        Slack slack = Slack.getInstance(slackConfig);

        AppConfig appConfig = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(config.botToken())
                .build();
        List<Middleware> middleware = new ArrayList<>(List.of(new KnownBotToken(config.botToken())));
        App app = new App(appConfig, slack, middleware);

        new ListenerRegistrar(app)
                .command(Ids.COMMAND, new HmacCommandListener(web))
                .viewSubmission(Ids.SIGN_VIEW, new SignSubmissionListener(signer, web));
        return app;
    }
}
