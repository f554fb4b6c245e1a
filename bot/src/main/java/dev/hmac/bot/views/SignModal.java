package dev.hmac.bot.views;

import static dev.hmac.bot.views.Blocks.ordered;
import static dev.hmac.bot.views.Blocks.plainText;

import dev.hmac.bot.Ids;
import dev.hmac.core.Field;
import java.util.List;
import java.util.Map;

/** The modal that collects callback URL, client ID, client secret and an optional timestamp. */
public final class SignModal {
    static final String SECRET_HINT = "Visible while you type. Used only to compute the signature: "
            + "never stored, logged or shown back.";

    private SignModal() {
    }

    /**
     * @param callback pre-filled callback URL, or null
     * @param clientId pre-filled client id, or null (the secret is never pre-filled)
     * @param privateMetadata carried to the submission: the command's response_url and channel
     */
    public static Map<String, Object> build(String callback, String clientId, String privateMetadata) {
        return ordered(
                "type", "modal",
                "callback_id", Ids.SIGN_VIEW,
                "private_metadata", privateMetadata,
                "title", plainText("HMAC signature"),
                "submit", plainText("Sign"),
                "close", plainText("Cancel"),
                "blocks", List.of(
                        Blocks.section(Blocks.mrkdwn("The signature an Apigee OAuth endpoint expects. "
                                + "Only you will see the result.")),
                        input(Field.CALLBACK, "https://example.com/callback", callback, false, null),
                        input(Field.CLIENT_ID, null, clientId, false, null),
                        input(Field.CLIENT_SECRET, null, null, false, SECRET_HINT),
                        input(Field.TIMESTAMP, "1444762678", null, true,
                                "Unix seconds, to reproduce an earlier signature. Leave empty to use the current time.")));
    }

    private static Map<String, Object> input(Field field, String placeholder, String initial, boolean optional,
                                             String hint) {
        Map<String, Object> element = ordered(
                "type", "plain_text_input",
                "action_id", Ids.action(field),
                "placeholder", placeholder == null ? null : plainText(placeholder),
                "initial_value", initial == null || initial.length() > field.maxLength() ? null : initial,
                "max_length", field.maxLength());
        return ordered(
                "type", "input",
                "block_id", Ids.block(field),
                "optional", optional ? Boolean.TRUE : null,
                "label", plainText(field.label()),
                "hint", hint == null ? null : plainText(hint),
                "element", element);
    }
}
