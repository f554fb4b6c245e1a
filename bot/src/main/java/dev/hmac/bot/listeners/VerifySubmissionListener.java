package dev.hmac.bot.listeners;

import dev.hmac.bot.views.VerdictReply;
import dev.hmac.bot.web.SlackWebApi;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.verify.Verdict;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Check a signature": validates with the core's rules (errors go back onto the blocks), searches for what
 * differs, then answers privately like signing. The search runs inside the submission's 3 seconds, within the
 * CPU budget its checker was made with (see SlackApp).
 */
public final class VerifySubmissionListener extends ModalSubmissionListener {
    static final String BUSY = "Too many signatures are being checked right now. Please press Check again in a "
            + "moment.";

    private final Function<VerificationRequest, Optional<Verdict>> checks;

    /** @param checks a verdict, or empty when too many checks are running at once */
    public VerifySubmissionListener(Function<VerificationRequest, Optional<Verdict>> checks, SlackWebApi slack,
                                    AuditTrail audit) {
        super(slack, audit, AuditEvent.Kind.VERIFICATION);
        this.checks = checks;
    }

    @Override
    Reply reply(SubmittedModal modal) throws InvalidRequestException {
        // Slack offers the default algorithm and encoding only; the check still says when another one was used.
        VerificationRequest request = VerificationRequest.of(modal.value(Field.CALLBACK), modal.value(Field.CLIENT_ID),
                modal.value(Field.CLIENT_SECRET), modal.value(Field.TIMESTAMP), modal.value(Field.SIGNATURE), null, null);
        // Busy: the modal stays open, with the reason where the user presses Check again.
        Verdict verdict = checks.apply(request)
                .orElseThrow(() -> new NotAttempted(new FieldError(Field.SIGNATURE, BUSY)));
        return new Reply(VerdictReply.message(verdict), VerdictReply.modal(verdict), AuditEvent.checked(verdict));
    }
}
