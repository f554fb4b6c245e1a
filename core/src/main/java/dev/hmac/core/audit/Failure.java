package dev.hmac.core.audit;

/** A failure counted as a metric, by a code of a bounded set: Slack's error, a refusal's reason. */
public enum Failure {
    /** views.open did not open the modal; the code is Slack's error ({@code expired_trigger_id}) or ours ({@code timeout}). */
    VIEWS_OPEN,
    /** The result could not be posted to the command's response_url (it then shows in the modal). */
    REPLY,
    /** A request to the form without a valid sign-in; the code is the refusal's reason ({@code expired}). */
    SIGN_IN;

    /** The metric's name in namespace {@value EmbeddedMetrics#NAMESPACE}. */
    public String metric() {
        if (this == VIEWS_OPEN) {
            return "ViewsOpenFailures";
        }
        return this == REPLY ? "ReplyFailures" : "SignInRefusals";
    }

    /** The dimension that holds the code: Slack's error, or why a sign-in was refused. */
    public String dimension() {
        return this == SIGN_IN ? "Reason" : "Error";
    }
}
