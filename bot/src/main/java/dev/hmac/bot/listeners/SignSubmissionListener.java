package dev.hmac.bot.listeners;

import dev.hmac.bot.views.SignatureReply;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.Field;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.Signature;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.AuditTrail;

/**
 * The modal's "Sign": validates with the core's rules (errors go back onto the blocks), then answers privately
 * through the command's response_url, or in the modal when that is not possible.
 */
public final class SignSubmissionListener extends ModalSubmissionListener {
    private final Signer signer;

    public SignSubmissionListener(Signer signer, SlackWebApi slack, AuditTrail audit) {
        super(slack, audit, AuditEvent.Kind.SIGNATURE);
        this.signer = signer;
    }

    @Override
    Reply reply(SubmittedModal modal) throws InvalidRequestException {
        Signature signature = signer.sign(SignatureRequest.of(modal.value(Field.CALLBACK), modal.value(Field.CLIENT_ID),
                modal.value(Field.CLIENT_SECRET), modal.value(Field.TIMESTAMP)));
        return new Reply(SignatureReply.message(signature), SignatureReply.modal(signature), AuditEvent.signed(signature));
    }
}
