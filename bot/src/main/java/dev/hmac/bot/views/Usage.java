package dev.hmac.bot.views;

/** The private help text of {@code /hmac}. */
public final class Usage {
    private static final String TEXT = "*/hmac* gives you the HMAC signature an Apigee OAuth endpoint expects, and "
            + "checks one that Apigee refused. Only you see the result.\n"
            + "• `/hmac` opens a form for the callback URL, client ID and client secret.\n"
            + "• `/hmac https://example.com/callback my-client-id` opens it with those two filled in.\n"
            + "• `/hmac verify` opens *Check a signature*: the same inputs and the signature. It says whether the "
            + "signature matches and, if not, what differs (whitespace, encoding, timestamp, …) and what to do.\n"
            + "• `/hmac verify https://example.com/callback my-client-id` opens it with those two filled in.\n"
            + "• The shortcuts *Sign for Apigee* and *Check a signature* (the ⚡ or + menu of the message box) open the "
            + "same forms anywhere; their result shows in the form.\n"
            + "• `/hmac help` shows this message.\n"
            + "Type the client secret only in the form, never after the command.";

    private Usage() {
    }

    public static String help() {
        return TEXT;
    }

    /** @param tooManyWords more than two words usually means the secret was typed after the command */
    public static String notUnderstood(boolean tooManyWords) {
        String lead = tooManyWords
                ? ":warning: That was more than a callback URL and a client ID. If you typed the client secret, "
                        + "it was not used or kept; type it in the form instead.\n\n"
                : "I didn't understand that.\n\n";
        return lead + TEXT;
    }
}
