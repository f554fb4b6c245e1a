package dev.hmac.bot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import dev.hmac.bot.listeners.HmacCommandListener;
import dev.hmac.bot.listeners.ListenerRegistrar;
import dev.hmac.bot.listeners.ShortcutListener;
import dev.hmac.bot.listeners.SignSubmissionListener;
import dev.hmac.bot.listeners.VerifySubmissionListener;
import dev.hmac.bot.views.SignModal;
import dev.hmac.bot.views.VerifyModal;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.Signer;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.verify.Verdict;
import dev.hmac.core.verify.Verifier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * The CPU time a check from Slack may search for. Its answer is posted to the response_url before the
     * submission is acknowledged, all within Slack's 3 seconds, on a 1024 MB Lambda's 0.58 of a vCPU: the figures
     * and the reasoning are in docs/verification.md.
     */
    public static final Duration CHECK_CPU_BUDGET = Duration.ofMillis(600);

    /** @param audit where the host writes the audit lines and counts */
    public static App create(BotConfig config, AuditTrail audit) {
        return create(config, new Signer(), webApi(config), audit);
    }

    /**
     * Checks as a Lambda function runs them: at once, within {@link #CHECK_CPU_BUDGET}. No limiter: an execution
     * environment serves one request at a time.
     */
    public static Function<VerificationRequest, Optional<Verdict>> checks() {
        Verifier verifier = new Verifier(Clock.systemUTC(), CHECK_CPU_BUDGET);
        return request -> Optional.of(verifier.verify(request));
    }

    /** The Web API client the listeners use, with deadlines inside Slack's. */
    public static SlackWebApi webApi(BotConfig config) {
        return new SlackWebApi(config.apiUrl(), SLACK_CALL_DEADLINE);
    }

    public static App create(BotConfig config, Signer signer, SlackWebApi web, AuditTrail audit) {
        return create(config, signer, checks(), web, audit);
    }

    /** @param checks a verdict, or empty when too many checks run at once (a server bounds them) */
    public static App create(BotConfig config, Signer signer, Function<VerificationRequest, Optional<Verdict>> checks,
                             SlackWebApi web, AuditTrail audit) {
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
                .command(Ids.COMMAND, new HmacCommandListener(web, audit))
                .viewSubmission(Ids.SIGN_VIEW, new SignSubmissionListener(signer, web, audit))
                .viewSubmission(Ids.VERIFY_VIEW, new VerifySubmissionListener(checks, web, audit))
                .globalShortcut(Ids.SIGN_SHORTCUT, new ShortcutListener(web,
                        metadata -> SignModal.build(null, null, metadata), audit))
                .globalShortcut(Ids.VERIFY_SHORTCUT, new ShortcutListener(web,
                        metadata -> VerifyModal.build(null, null, List.of(), metadata), audit));
        return app;
    }
}
