package dev.hmac.bot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.request.RequestType;
import dev.hmac.bot.listeners.HmacCommandListener;
import dev.hmac.bot.listeners.SignSubmissionListener;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.Signer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The one app factory: the same Bolt app serves the Lambda handler, the local server and Socket Mode. */
public final class SlackApp {
    /**
     * Both Slack calls must finish inside Slack's 3-second deadlines: views.open before the trigger_id expires,
     * the response_url post before the modal submission's own ack is due.
     */
    static final Duration SLACK_CALL_TIMEOUT = Duration.ofMillis(2000);
    /**
     * The kinds of request the app below has listeners for, plus Slack's url_verification that Bolt answers
     * itself: the {@link BoltDispatcher} lets Bolt route only these. Keep in step with the listeners.
     */
    static final Set<RequestType> ROUTED = EnumSet.of(RequestType.Command, RequestType.ViewSubmission,
            RequestType.UrlVerification);

    private SlackApp() {
    }

    public static App create(BotConfig config) {
        return create(config, new Signer(), webApi(config));
    }

    /** The Web API client the listeners use, with timeouts inside Slack's deadlines. */
    public static SlackWebApi webApi(BotConfig config) {
        return new SlackWebApi(config.apiUrl(), SLACK_CALL_TIMEOUT);
    }

    public static App create(BotConfig config, Signer signer, SlackWebApi web) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.apiUrl());
        // No metrics: they start background threads and do nothing for a function that lives per request.
        slackConfig.setStatsEnabled(false);
        Slack slack = Slack.getInstance(slackConfig);

        AppConfig appConfig = AppConfig.builder()
                .slack(slack)
                .signingSecret(config.signingSecret().isEmpty() ? null : config.signingSecret())
                .singleTeamBotToken(config.botToken())
                .build();

        // An explicit middleware list instead of Bolt's default: the same request verification, but no auth.test.
        List<Middleware> middleware = new ArrayList<>();
        if (!config.signingSecret().isEmpty()) {
            middleware.add(new RequestVerification(
                    new SlackSignature.Verifier(new BoltSignatureGenerator(config.signingSecret()))));
        }
        middleware.add(new KnownBotToken(config.botToken()));

        App app = new App(appConfig, slack, middleware);
        app.command(Ids.COMMAND, new HmacCommandListener(web));
        app.viewSubmission(Ids.SIGN_VIEW, new SignSubmissionListener(signer, web));
        return app;
    }
}
