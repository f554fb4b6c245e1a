package dev.hmac.bot.listeners;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.hmac.bot.CommandText;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.views.SignModal;
import dev.hmac.bot.views.Usage;
import dev.hmac.bot.views.VerifyModal;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.audit.Failure;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /hmac} and {@code /hmac verify}: opens the signing or the "Check a signature" modal with {@code views.open}
 * before acknowledging, because the trigger_id expires 3 seconds after the command and nothing else may stand in
 * the way (no auth.test, no other Slack call).
 */
public final class HmacCommandListener implements SlashCommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HmacCommandListener.class);

    private final SlackWebApi slack;
    private final AuditTrail audit;

    /** @param audit counts views.open's failures, by Slack's error ({@code expired_trigger_id} above all) */
    public HmacCommandListener(SlackWebApi slack, AuditTrail audit) {
        this.slack = slack;
        this.audit = audit;
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        CommandText command = CommandText.parse(payload.getText());
        switch (command.kind()) {
            case HELP:
                return context.ack(Usage.help());
            case UNKNOWN:
                return context.ack(Usage.notUnderstood(command.tooManyWords()));
            default:
                break;
        }
        String metadata = new PrivateMetadata(payload.getResponseUrl(), payload.getChannelId()).toJson();
        boolean verify = command.kind() == CommandText.Kind.VERIFY;
        Map<String, Object> view = verify
                ? VerifyModal.build(command.callback(), command.clientId(), command.problems(), metadata)
                : SignModal.build(command.callback(), command.clientId(), command.problems(), metadata);
        SlackWebApi.Result opened = slack.openView(context.getBotToken(), payload.getTriggerId(), view);
        if (!opened.ok()) {
            LOG.warn("views.open failed: {}", opened.error());
            audit.count(Failure.VIEWS_OPEN, opened.error());
            return context.ack(":warning: I couldn't open the form (" + opened.error() + "). Please try `/hmac"
                    + (verify ? " verify" : "") + "` again.");
        }
        return context.ack();
    }
}
