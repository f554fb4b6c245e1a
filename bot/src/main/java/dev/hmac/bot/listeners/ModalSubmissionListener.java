package dev.hmac.bot.listeners;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.hmac.bot.BoltDispatcher;
import dev.hmac.bot.Ids;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.FieldError;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.audit.Actor;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.audit.Caller;
import dev.hmac.core.audit.Failure;
import dev.hmac.core.audit.Surface;
import dev.hmac.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every submission of our forms is answered: field errors go back onto the blocks; a result is posted
 * privately to the response_url the modal carries, or shown in the modal when there is none (a shortcut) or Slack
 * refuses the post (the URL expires after 30 minutes). A subclass only computes the result.
 *
 * <p>Every submission that signs or checks, valid or not, gets its audit line, naming the Slack team and user who
 * submitted it; a post to the response_url that fails is counted.
 */
public abstract class ModalSubmissionListener implements ViewSubmissionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ModalSubmissionListener.class);

    /** The result, as a message for the response_url and as the modal that shows it instead, and its audit event. */
    protected record Reply(Map<String, Object> message, Map<String, Object> modal, AuditEvent audit) {
    }

    /** Nothing was signed or checked, for a reason shown under a field (too many checks at once): no audit line. */
    static final class NotAttempted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient FieldError reason;

        NotAttempted(FieldError reason) {
            super(null, null, false, false);
            this.reason = reason;
        }
    }

    private final SlackWebApi slack;
    private final AuditTrail audit;
    private final AuditEvent.Kind kind;

    protected ModalSubmissionListener(SlackWebApi slack, AuditTrail audit, AuditEvent.Kind kind) {
        this.slack = slack;
        this.audit = audit;
        this.kind = kind;
    }

    /**
     * @throws InvalidRequestException naming the fields at fault, each shown under its input
     * @throws NotAttempted when nothing was tried, with the reason to show
     */
    abstract Reply reply(SubmittedModal modal) throws InvalidRequestException;

    @Override
    public final Response apply(ViewSubmissionRequest request, ViewSubmissionContext context) {
        View view = request.getPayload().getView();
        Caller caller = caller(request.getPayload(), context);
        Reply reply;
        try {
            reply = reply(new SubmittedModal(view));
        } catch (InvalidRequestException e) {
            audit.record(caller, AuditEvent.invalid(kind, e.errors()));
            return context.ackWithErrors(byBlock(e.errors()));
        } catch (NotAttempted e) {
            return context.ackWithErrors(byBlock(List.of(e.reason)));
        }
        audit.record(caller, reply.audit());
        PrivateMetadata metadata = PrivateMetadata.parse(view.getPrivateMetadata());
        SlackWebApi.Result posted = metadata.responseUrl() == null
                ? new SlackWebApi.Result(false, "no_response_url")
                : slack.respond(metadata.responseUrl(), reply.message());
        if (posted.ok()) {
            return context.ack();
        }
        if (metadata.responseUrl() != null) {
            audit.count(Failure.REPLY, posted.error());
        }
        LOG.info("Could not post to the response_url ({}); showing the result in the modal", posted.error());
        return context.ackWithUpdate(Json.write(reply.modal()));
    }

    private static Map<String, String> byBlock(List<FieldError> errors) {
        Map<String, String> byBlock = new LinkedHashMap<>();
        for (FieldError error : errors) {
            byBlock.put(Ids.block(error.field()), error.message());
        }
        return byBlock;
    }

    /** The team and user from Slack's signed payload; the user name only while Slack still sends one. */
    private static Caller caller(ViewSubmissionPayload payload, ViewSubmissionContext context) {
        ViewSubmissionPayload.User user = payload.getUser();
        String team = payload.getTeam() != null ? payload.getTeam().getId() : user == null ? null : user.getTeamId();
        Actor actor = user == null ? Actor.slack(team, null, null)
                : Actor.slack(team, user.getId(), user.getUsername() != null ? user.getUsername() : user.getName());
        return new Caller(Surface.SLACK, actor, BoltDispatcher.requestId(context), null);
    }
}
