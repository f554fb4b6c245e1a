package dev.hmac.bot.listeners;

import com.slack.api.bolt.context.builtin.GlobalShortcutContext;
import com.slack.api.bolt.handler.builtin.GlobalShortcutHandler;
import com.slack.api.bolt.request.builtin.GlobalShortcutRequest;
import com.slack.api.bolt.response.Response;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.audit.Failure;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A global shortcut ("Sign for Apigee", "Check a signature"): opens its modal before acknowledging, as the
 * command does. A shortcut comes with no response_url, so the modal carries none, and its result shows in the
 * modal itself.
 */
public final class ShortcutListener implements GlobalShortcutHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ShortcutListener.class);

    private final SlackWebApi slack;
    private final AuditTrail audit;
    private final Function<String, Map<String, Object>> modal;

    /**
     * @param modal the view to open, given its private_metadata
     * @param audit counts views.open's failures
     */
    public ShortcutListener(SlackWebApi slack, Function<String, Map<String, Object>> modal, AuditTrail audit) {
        this.slack = slack;
        this.modal = modal;
        this.audit = audit;
    }

    @Override
    public Response apply(GlobalShortcutRequest request, GlobalShortcutContext context) {
        String metadata = new PrivateMetadata(null, null).toJson();
        SlackWebApi.Result opened = slack.openView(context.getBotToken(), request.getPayload().getTriggerId(),
                modal.apply(metadata));
        if (!opened.ok()) {
            // A shortcut has nowhere to say so: Slack shows nothing for its ack.
            LOG.warn("views.open failed: {}", opened.error());
            audit.count(Failure.VIEWS_OPEN, opened.error());
        }
        return context.ack();
    }
}
