package dev.hmac.bot.views;

import static dev.hmac.bot.views.Blocks.mrkdwn;

import dev.hmac.bot.Ids;
import dev.hmac.core.Signature;
import java.util.List;
import java.util.Map;

/** The private reply: signature in a code block, timestamp with its UTC time, callback, client id. Never the secret. */
public final class SignatureReply {

    private SignatureReply() {
    }

    /** The message posted to the command's response_url: ephemeral, so only the user sees it. */
    public static Map<String, Object> message(Signature signature) {
        return Blocks.ephemeral("Your HMAC signature is ready.", blocks(signature, "Only you can see this. The "
                + "client secret was used to compute the signature and was not stored."));
    }

    /** The same content as a modal, for when the response_url can't be used (it expires after 30 minutes). */
    public static Map<String, Object> modal(Signature signature) {
        return Blocks.modal(Ids.RESULT_VIEW, "HMAC signature", null, "Done", null, blocks(signature,
                "Copy it from here: it could not be posted to the conversation. The client secret was used to "
                        + "compute the signature and was not stored."));
    }

    private static List<Map<String, Object>> blocks(Signature signature, String note) {
        return List.of(
                Blocks.section(mrkdwn("*HMAC signature*\n```" + signature.signature() + "```")),
                Blocks.fields(List.of(
                        mrkdwn("*Timestamp*\n`" + signature.timestamp() + "`"),
                        mrkdwn("*Time*\n" + Blocks.utc(signature.time())))),
                value("*Callback URL*", signature.callback()),
                value("*Client ID*", signature.clientId()),
                Blocks.context(note));
    }

    /** Inline code when it fits a section (a callback of 2,048 ampersands escapes to five times that). */
    static Map<String, Object> value(String title, String value) {
        String code = Blocks.code(value);
        return code.length() + title.length() + 1 <= Blocks.MAX_TEXT ? Blocks.section(mrkdwn(title + "\n" + code))
                : Blocks.textSection(title, value);
    }
}
