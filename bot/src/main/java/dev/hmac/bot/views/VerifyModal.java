package dev.hmac.bot.views;

import dev.hmac.bot.Ids;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.VerificationRequest;
import java.util.List;
import java.util.Map;

/** The "Check a signature" modal: the inputs of a signature, and the signature Apigee got. */
public final class VerifyModal {
    static final String SECRET_HINT = "Visible while you type. Used only to check the signature: "
            + "never stored, logged or shown back.";
    private static final FormModal FORM = new FormModal(Ids.VERIFY_VIEW, "Check a signature", "Check",
            "Is this the signature Apigee expects? If not, what differs. Only you will see the result.", SECRET_HINT,
            "The timestamp sent with the signature, in Unix seconds. Leave empty to try every second within 24 hours "
                    + "of now.", VerificationRequest.MAX_TIMESTAMP_DIGITS);

    private VerifyModal() {
    }

    /**
     * @param callback pre-filled callback URL, or null
     * @param clientId pre-filled client id, or null (the secret is never pre-filled)
     * @param problems of the pre-filled values, each shown above its field
     * @param privateMetadata carried to the submission: the command's response_url and channel, if any
     */
    public static Map<String, Object> build(String callback, String clientId, List<FieldError> problems,
                                            String privateMetadata) {
        return FORM.build(callback, clientId, problems, privateMetadata, List.of(Blocks.input(Field.SIGNATURE,
                "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", null, false,
                "The signature that was sent to Apigee, as it was sent.", Field.SIGNATURE.maxLength())));
    }
}
