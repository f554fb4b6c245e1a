package dev.hmac.server;

import dev.hmac.core.Field;
import dev.hmac.core.Signature;
import java.util.EnumMap;
import java.util.Map;

/**
 * The signing page ({@code GET /} and {@code POST /}): the signature when there is one, then the form. Its fields:
 * Callback, ClientID, ClientSecret as in the original form, the optional Timestamp, Algorithm and Encoding.
 */
final class SigningPage {
    static final String PATH = "/";

    private SigningPage() {
    }

    /** The page for an outcome of {@link SigningBackend#sign}; after a signature, the form is ready for the next. */
    static String page(FormView view, SigningBackend.Outcome outcome) {
        if (!(outcome instanceof SigningBackend.Signed signed)) {
            return render(view, null);
        }
        // The inputs as signed, the same options, the time left to "now".
        Signature signature = signed.signature();
        Map<Field, String> next = new EnumMap<>(Field.class);
        next.putAll(view.typed());
        next.put(Field.CALLBACK, signature.callback());
        next.put(Field.CLIENT_ID, signature.clientId());
        next.remove(Field.TIMESTAMP);
        return render(new FormView(next, Map.of(), null, view.signedIn()), signature);
    }

    /** @param signature the result to show, or null */
    static String render(FormView view, Signature signature) {
        StringBuilder html = FormPage.open(PATH, view, "HMAC signature", "HMAC signature for Apigee OAuth",
                "Enter your app's callback URL, client ID and client secret to get the signature and timestamp the "
                        + "OAuth endpoint expects.");
        if (signature != null) {
            html.append("<section class=\"result\" aria-labelledby=\"result-title\">\n")
                    .append("<h2 id=\"result-title\">Signature</h2>\n");
            FormPage.signature(html, signature.signature(), signature.timestamp(), signature.algorithm(),
                    signature.encoding(), signature.callback(), signature.clientId());
            html.append("<p class=\"hint\">Send the signature together with its timestamp: the endpoint checks both.</p>\n")
                    .append("<p class=\"next\">Apigee refused a signature? <a href=\"").append(CheckPage.PATH)
                    .append("\">Check a signature</a></p>\n</section>\n");
        }
        FormPage.alerts(html, view);
        FormPage.formStart(html, PATH);
        FormPage.credentials(html, view, "Used only to compute the signature: never stored, logged or shown back. "
                + "For that reason you type it again each time.");
        boolean open = !view.typed(Field.TIMESTAMP).isEmpty() || view.errors().containsKey(Field.TIMESTAMP.key());
        html.append("<details class=\"earlier\"").append(open ? " open" : "")
                .append(">\n<summary>Reproduce an earlier signature</summary>\n");
        FormPage.input(html, view, Field.TIMESTAMP, Field.TIMESTAMP.label() + " (optional)", "text",
                "inputmode=\"numeric\" placeholder=\"1444762678\"",
                "Unix time in seconds. Leave it empty to sign with the current time.");
        html.append("</details>\n");
        FormPage.schemes(html, view);
        html.append("<button type=\"submit\" class=\"primary\">Sign</button>\n</form>\n");
        return FormPage.close(html, "The signature is Base64(HMAC-SHA256) keyed with the client secret over client "
                + "secret + callback URL + client ID + timestamp, unless you choose another scheme. Also available as "
                + "<code>POST /signature</code> and as <code>/hmac</code> in Slack.");
    }
}
