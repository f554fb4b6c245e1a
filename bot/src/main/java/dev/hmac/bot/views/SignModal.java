package dev.hmac.bot.views;

import dev.hmac.bot.Ids;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import java.util.List;
import java.util.Map;

/** The modal that collects callback URL, client ID, client secret and an optional timestamp. */
public final class SignModal {
    static final String SECRET_HINT = "Visible while you type. Used only to compute the signature: "
            + "never stored, logged or shown back.";
    private static final FormModal FORM = new FormModal(Ids.SIGN_VIEW, "HMAC signature", "Sign",
            "The signature an Apigee OAuth endpoint expects. Only you will see the result.", SECRET_HINT,
            "Unix seconds, to reproduce an earlier signature. Leave empty to use the current time.",
            Field.TIMESTAMP.maxLength());

    private SignModal() {
    }

    /**
     * @param callback pre-filled callback URL, or null
     * @param clientId pre-filled client id, or null (the secret is never pre-filled)
     * @param privateMetadata carried to the submission: the command's response_url and channel
     */
    public static Map<String, Object> build(String callback, String clientId, String privateMetadata) {
        return build(callback, clientId, List.of(), privateMetadata);
    }

    /** @param problems of the pre-filled values, each shown above its field */
    public static Map<String, Object> build(String callback, String clientId, List<FieldError> problems,
                                            String privateMetadata) {
        return FORM.build(callback, clientId, problems, privateMetadata, List.of());
    }
}
