package dev.hmac.bot;

import dev.hmac.core.Field;

/** Every command, callback, block and action id of the app, in one place (manifest.yml names the shortcuts'). */
public final class Ids {
    public static final String COMMAND = "/hmac";
    /** callback_id of the modal that collects the inputs of a signature. */
    public static final String SIGN_VIEW = "hmac_sign";
    /** callback_id of the "Check a signature" modal: the same inputs plus the signature. */
    public static final String VERIFY_VIEW = "hmac_verify";
    /** callback_id of the modal that shows a result when the response_url could not be used. */
    public static final String RESULT_VIEW = "hmac_result";
    /** callback_id of the global shortcut "Sign for Apigee". */
    public static final String SIGN_SHORTCUT = "hmac_sign_shortcut";
    /** callback_id of the global shortcut "Check a signature". */
    public static final String VERIFY_SHORTCUT = "hmac_verify_shortcut";

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
