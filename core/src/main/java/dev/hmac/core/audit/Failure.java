package dev.hmac.core.audit;

/** A failure counted as a metric, by a code of a bounded set: Slack's error, a refusal's reason. */
public enum Failure {
    /** views.open did not open the modal; the code is Slack's error ({@code expired_trigger_id}) or ours ({@code timeout}). */
    VIEWS_OPEN("ViewsOpenFailures", "Error"),
    /** The result could not be posted to the command's response_url (it then shows in the modal). */
    REPLY("ReplyFailures", "Error"),
    /** A request to the form without a valid sign-in; the code is the refusal's reason ({@code expired}). */
    SIGN_IN("SignInRefusals", "Reason");

    private final String metric;
    private final String dimension;

    Failure(String metric, String dimension) {
        this.metric = metric;
        this.dimension = dimension;
    }

    public String metric() {
        return metric;
    }

    /** The dimension that holds the code. */
    public String dimension() {
        return dimension;
    }
}
