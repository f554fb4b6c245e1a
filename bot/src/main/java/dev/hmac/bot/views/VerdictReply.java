package dev.hmac.bot.views;

import static dev.hmac.bot.views.Blocks.mrkdwn;

import dev.hmac.bot.Ids;
import dev.hmac.core.verify.Cause;
import dev.hmac.core.verify.Explanation;
import dev.hmac.core.verify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to "Check a signature": the verdict first, then what differs and what to do, then the right signature
 * and the string that is signed (the secret replaced by its length). Never the secret, never the signature typed.
 */
public final class VerdictReply {
    /** Blocks besides the explanations: the verdict, the signature, its facts, the string, the time limit, the note. */
    private static final int OTHER_BLOCKS = 6;
    static final String INCOMPLETE = ":hourglass: The check stopped at its time limit before it tried everything. If "
            + "you left the timestamp empty, give the one that was sent with the signature: the search is then much "
            + "shorter.";

    private VerdictReply() {
    }

    /** The message posted to the response_url: ephemeral, so only the user sees it. */
    public static Map<String, Object> message(Verdict verdict) {
        return Blocks.ephemeral(summary(verdict), blocks(verdict, "Only you can see this. The client secret was used "
                + "to check the signature and was not stored."));
    }

    /** The same content as a modal: after a shortcut, or when the response_url can't be used. */
    public static Map<String, Object> modal(Verdict verdict) {
        return Blocks.modal(Ids.RESULT_VIEW, "Check a signature", null, "Done", null, blocks(verdict,
                "Only you can see this form. The client secret was used to check the signature and was not stored."));
    }

    /** The notification's text, and what a screen reader says first. */
    static String summary(Verdict verdict) {
        if (verdict.match()) {
            return "The signature matches.";
        }
        List<String> labels = new ArrayList<>();
        for (Cause cause : verdict.causes()) {
            labels.add(cause.label().toLowerCase(Locale.ROOT));
        }
        return "The signature does not match (" + String.join(", ", labels) + ").";
    }

    private static List<Map<String, Object>> blocks(Verdict verdict, String note) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        String at = "timestamp `" + verdict.timestamp() + "` (" + Blocks.utc(verdict.time()) + ")";
        blocks.add(Blocks.section(mrkdwn(verdict.match()
                ? ":white_check_mark: *It matches.* This is the signature Apigee expects for these inputs at " + at + "."
                : ":x: *No match.* This is not the signature Apigee expects for these inputs at " + at + "."
                        + (verdict.explanations().isEmpty() ? "" : " What differs:"))));
        List<Explanation> explanations = verdict.explanations();
        int room = Blocks.MAX_MESSAGE_BLOCKS - OTHER_BLOCKS;
        for (int i = 0; i < explanations.size(); i++) {
            Explanation explanation = explanations.get(i);
            if (i == room - 1 && explanations.size() > room) {
                blocks.add(Blocks.section(mrkdwn("… and " + (explanations.size() - i) + " more.")));
                break;
            }
            blocks.add(Blocks.textSection("*" + explanation.cause().label() + "*", explanation.message()));
        }
        blocks.add(Blocks.codeSection(verdict.match() ? "*HMAC signature*" : "*The signature Apigee expects*",
                verdict.signature()));
        blocks.add(Blocks.fields(List.of(
                mrkdwn("*Timestamp*\n`" + verdict.timestamp() + "`"),
                mrkdwn("*Time*\n" + Blocks.utc(verdict.time())),
                mrkdwn("*Algorithm*\n" + verdict.algorithm().label()),
                mrkdwn("*Encoding*\n" + verdict.encoding().key()))));
        blocks.add(Blocks.codeSection("*The string that is signed* (" + verdict.messageToSign().bytes()
                + " bytes in UTF-8): compare it with your code's", verdict.messageToSign().text()));
        if (!verdict.complete()) {
            blocks.add(Blocks.context(INCOMPLETE));
        }
        blocks.add(Blocks.context(note));
        return blocks;
    }
}
