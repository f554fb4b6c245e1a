package dev.hmac.server;

import static dev.hmac.server.Html.escape;

import dev.hmac.core.Field;

/**
 * The check page ({@code GET /check} and {@code POST /check}): the verdict first, big and plain, then what differs and
 * what to do, then the string that is signed and the right signature, then the form. Its fields are the signing
 * page's and Signature.
 */
final class CheckPage {
    static final String PATH = "/check";

    private CheckPage() {
    }

    /** The page for an outcome of {@link SigningBackend#check}. */
    static String page(FormView view, SigningBackend.Outcome outcome) {
        return render(view, outcome instanceof SigningBackend.Checked checked ? checked.result() : null);
    }

    /** @param result the verdict to show, or null */
    static String render(FormView view, CheckResult result) {
        StringBuilder html = FormPage.open(PATH, view, "Check a signature", "Check a signature",
                "Apigee refused a signature? Enter what was signed and the signature that was sent: this page says "
                        + "whether it is the one Apigee expects and, if not, what differs.");
        if (result != null) {
            verdict(html, result);
        }
        FormPage.alerts(html, view);
        FormPage.formStart(html, PATH);
        FormPage.credentials(html, view, "Used only to check the signature: never stored, logged or shown back. "
                + "For that reason you type it again each time.");
        FormPage.input(html, view, Field.TIMESTAMP, Field.TIMESTAMP.label() + " (optional)", "text",
                "inputmode=\"numeric\" placeholder=\"1444762678\"", "The timestamp sent with the signature, in Unix "
                        + "seconds. Leave it empty to try every second within 24 hours of now.");
        FormPage.input(html, view, Field.SIGNATURE, Field.SIGNATURE.label(), "text", "class=\"mono\"",
                "The signature as it was sent, spaces included. Like the secret, it is not shown back.");
        FormPage.schemes(html, view);
        html.append("<button type=\"submit\" class=\"primary\">Check</button>\n</form>\n");
        return FormPage.close(html, "The check tries what most often makes a signature wrong: a + read as a space, "
                + "another encoding, timestamp or scheme, milliseconds, spaces and line breaks, the callback's form, "
                + "the order of the parts, the key's encoding. Also available as <code>POST /verify</code> and as "
                + "<code>/hmac verify</code> in Slack.");
    }

    private static void verdict(StringBuilder html, CheckResult result) {
        String at = "timestamp " + result.timestamp() + FormPage.utc(result.timestamp()).map(t -> " (" + t + ")").orElse("");
        html.append("<section class=\"verdict ").append(result.match() ? "match" : "mismatch")
                .append("\" aria-labelledby=\"verdict-title\">\n<h2 id=\"verdict-title\" class=\"verdict-word\">")
                .append(result.match() ? "<span aria-hidden=\"true\">✓ </span>Match"
                        : "<span aria-hidden=\"true\">✗ </span>No match")
                .append("</h2>\n<p>").append(result.match() ? "This is the signature Apigee expects for these inputs at "
                        : "This is not the signature Apigee expects for these inputs at ")
                .append(escape(at)).append(".</p>\n</section>\n");
        if (!result.reasons().isEmpty()) {
            html.append("<section class=\"reasons\" aria-labelledby=\"reasons-title\">\n")
                    .append("<h2 id=\"reasons-title\">What differs</h2>\n<ol>\n");
            for (CheckResult.Reason reason : result.reasons()) {
                html.append("<li data-cause=\"").append(escape(reason.cause())).append("\"><h3>")
                        .append(escape(reason.heading())).append("</h3>\n<p>").append(Html.breakable(reason.message()))
                        .append("</p></li>\n");
            }
            html.append("</ol>\n</section>\n");
        }
        if (!result.complete()) {
            html.append("<p class=\"note\">The check stopped at its time limit before it tried everything. If you left "
                    + "the timestamp empty, give the one that was sent with the signature: the search is then much "
                    + "shorter.</p>\n");
        }
        html.append("<section class=\"to-sign\" aria-labelledby=\"to-sign-title\">\n")
                .append("<h2 id=\"to-sign-title\">The string that is signed</h2>\n<p class=\"hint\">")
                .append(result.messageBytes()).append(" bytes in UTF-8, the client secret shown as its length: compare "
                        + "it with what your code signs.</p>\n<p class=\"block\"><code id=\"message-to-sign\">")
                .append(Html.breakable(result.messageToSign())).append("</code></p>\n</section>\n")
                .append("<section class=\"result\" aria-labelledby=\"result-title\">\n<h2 id=\"result-title\">")
                .append(result.match() ? "Signature" : "The signature Apigee expects").append("</h2>\n");
        FormPage.signature(html, result.signature(), result.timestamp(), result.algorithm(), result.encoding(),
                result.callback(), result.clientId());
        html.append("</section>\n");
    }
}
