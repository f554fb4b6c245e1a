package dev.hmac.bot.listeners;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.hmac.bot.Ids;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.views.SignatureReply;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.Signature;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modal's "Sign": validates with the core's rules (errors go back onto the blocks), then answers privately
 * through the command's response_url, or in the modal when that is not possible.
 */
public final class SignSubmissionListener implements ViewSubmissionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SignSubmissionListener.class);

    private final Signer signer;
    private final SlackWebApi slack;

    public SignSubmissionListener(Signer signer, SlackWebApi slack) {
        this.signer = signer;
        this.slack = slack;
    }

    @Override
    public Response apply(ViewSubmissionRequest request, ViewSubmissionContext context) {
        View view = request.getPayload().getView();
        Map<String, Map<String, ViewState.Value>> values =
                view.getState() == null || view.getState().getValues() == null ? Map.of() : view.getState().getValues();
        SignatureRequest signatureRequest;
        try {
            signatureRequest = SignatureRequest.of(value(values, Field.CALLBACK), value(values, Field.CLIENT_ID),
                    value(values, Field.CLIENT_SECRET), value(values, Field.TIMESTAMP));
        } catch (InvalidRequestException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError error : e.errors()) {
                errors.put(Ids.block(error.field()), error.message());
            }
            return context.ackWithErrors(errors);
        }
        Signature signature = signer.sign(signatureRequest);

        PrivateMetadata metadata = PrivateMetadata.parse(view.getPrivateMetadata());
        SlackWebApi.Result posted = metadata.responseUrl() == null
                ? new SlackWebApi.Result(false, "no_response_url")
                : slack.respond(metadata.responseUrl(), SignatureReply.message(signature));
        if (posted.ok()) {
            return context.ack();
        }
        LOG.info("Could not post to the response_url ({}); showing the result in the modal", posted.error());
        return context.ackWithUpdate(Json.write(SignatureReply.modal(signature)));
    }

    private static String value(Map<String, Map<String, ViewState.Value>> values, Field field) {
        Map<String, ViewState.Value> block = values.get(Ids.block(field));
        ViewState.Value value = block == null ? null : block.get(Ids.action(field));
        return value == null ? null : value.getValue();
    }
}
