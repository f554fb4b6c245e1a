package dev.hmac.bot.listeners;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.hmac.bot.Ids;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.FieldError;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every submission of our forms is answered: field errors go back onto the blocks; a result is posted
 * privately to the response_url the modal carries, or shown in the modal when there is none (a shortcut) or Slack
 * refuses the post (the URL expires after 30 minutes). A subclass only computes the result.
 */
public abstract class ModalSubmissionListener implements ViewSubmissionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ModalSubmissionListener.class);

    /** The result, as a message for the response_url and as the modal that shows it instead. */
    protected record Reply(Map<String, Object> message, Map<String, Object> modal) {
    }

    private final SlackWebApi slack;

    protected ModalSubmissionListener(SlackWebApi slack) {
        this.slack = slack;
    }

    /** @throws InvalidRequestException naming the fields at fault, each shown under its input */
    abstract Reply reply(SubmittedModal modal) throws InvalidRequestException;

    @Override
    public final Response apply(ViewSubmissionRequest request, ViewSubmissionContext context) {
        View view = request.getPayload().getView();
        Reply reply;
        try {
            reply = reply(new SubmittedModal(view));
        } catch (InvalidRequestException e) {
            Map<String, String> byBlock = new LinkedHashMap<>();
            for (FieldError error : e.errors()) {
                byBlock.put(Ids.block(error.field()), error.message());
            }
            return context.ackWithErrors(byBlock);
        }
        PrivateMetadata metadata = PrivateMetadata.parse(view.getPrivateMetadata());
        SlackWebApi.Result posted = metadata.responseUrl() == null
                ? new SlackWebApi.Result(false, "no_response_url")
                : slack.respond(metadata.responseUrl(), reply.message());
        if (posted.ok()) {
            return context.ack();
        }
        LOG.info("Could not post to the response_url ({}); showing the result in the modal", posted.error());
        return context.ackWithUpdate(Json.write(reply.modal()));
    }
}
