package dev.hmac.bot;

import dev.hmac.core.Field;

/** Every command, callback, block and action id of the app, in one place. */
public final class Ids {
    public static final String COMMAND = "/hmac";
    /** callback_id of the modal that collects the inputs. */
    public static final String SIGN_VIEW = "hmac_sign";
    /** callback_id of the modal that shows a result when the response_url could not be used. */
    public static final String RESULT_VIEW = "hmac_result";

    private Ids() {
    }

    /** The modal's block ids are the REST field names, so core errors map onto blocks one to one. */
    public static String block(Field field) {
        return field.key();
    }

    public static String action(Field field) {
        return field.key() + "_input";
    }
}
