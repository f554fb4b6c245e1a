package dev.hmac.bot.views;

import static dev.hmac.bot.views.Blocks.code;
import static dev.hmac.bot.views.Blocks.mrkdwn;
import static dev.hmac.bot.views.Blocks.ordered;
import static dev.hmac.bot.views.Blocks.plainText;

import dev.hmac.bot.Ids;
import dev.hmac.core.Signature;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The private reply: signature in a code block, timestamp with its UTC time, callback, client id. Never the secret. */
public final class SignatureReply {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private SignatureReply() {
    }

    /** The message posted to the command's response_url: ephemeral, so only the user sees it. */
    public static Map<String, Object> message(Signature signature) {
        return ordered(
                "response_type", "ephemeral",
                "replace_original", Boolean.FALSE,
                "text", "Your HMAC signature is ready.",
                "blocks", blocks(signature, "Only you can see this. The client secret was used to compute the "
                        + "signature and was not stored."));
    }

    /** The same content as a modal, for when the response_url can't be used (it expires after 30 minutes). */
    public static Map<String, Object> modal(Signature signature) {
        return ordered(
                "type", "modal",
                "callback_id", Ids.RESULT_VIEW,
                "title", plainText("HMAC signature"),
                "close", plainText("Done"),
                "blocks", blocks(signature, "Copy it from here: it could not be posted to the conversation. "
                        + "The client secret was used to compute the signature and was not stored."));
    }

    private static List<Map<String, Object>> blocks(Signature signature, String note) {
        return List.of(
                Blocks.section(mrkdwn("*HMAC signature*\n```" + signature.signature() + "```")),
                Blocks.fields(List.of(
                        mrkdwn("*Timestamp*\n`" + signature.timestamp() + "`"),
                        mrkdwn("*Time*\n" + UTC.format(signature.time())))),
                Blocks.section(mrkdwn("*Callback URL*\n" + code(signature.callback()))),
                Blocks.section(mrkdwn("*Client ID*\n" + code(signature.clientId()))),
                Blocks.context(note));
    }
}
