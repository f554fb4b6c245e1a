package dev.hmac.server;

import static dev.hmac.server.Html.escape;

import dev.hmac.core.Field;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Renders the web form; every value is HTML-escaped. Works without JavaScript. */
final class FormPage {
    /** Strict: only this server's own script and styles, no framing, forms post only here. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "Cache-Control", "no-store",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private FormPage() {
    }

    static String render(FormView view) {
        StringBuilder html = new StringBuilder(6000);
        html.append("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>HMAC signature · hmac</title>
                <link rel="stylesheet" href="/static/form.css">
                <script src="/static/form.js" defer></script>
                </head>
                <body>
                <main>
                <h1>HMAC signature for Apigee OAuth</h1>
                <p class="lead">Enter your app's callback URL, client ID and client secret to get the signature and
                timestamp the OAuth endpoint expects.</p>
                """);
        if (view.result() != null) {
            result(html, view.result());
        }
        if (view.problem() != null) {
            html.append("<div class=\"alert\" role=\"alert\" id=\"problem\"><p>").append(escape(view.problem()))
                    .append("</p></div>\n");
        }
        if (!view.errors().isEmpty()) {
            html.append("<div class=\"alert\" role=\"alert\" id=\"error-summary\"><p>Please correct ")
                    .append(view.errors().size() == 1 ? "this field" : "these fields").append(":</p><ul>");
            view.errors().forEach((field, message) -> html.append("<li><a href=\"#").append(escape(field))
                    .append("\">").append(escape(message)).append("</a></li>"));
            html.append("</ul></div>\n");
        }
        html.append("<form method=\"post\" action=\"/\" novalidate autocomplete=\"off\">\n");
        input(html, view, Field.CALLBACK, Field.CALLBACK.label(), "text", view.callback(),
                "inputmode=\"url\" placeholder=\"https://example.com/callback\"", null);
        input(html, view, Field.CLIENT_ID, Field.CLIENT_ID.label(), "text", view.clientId(), "", null);
        input(html, view, Field.CLIENT_SECRET, Field.CLIENT_SECRET.label(), "password", "",
                "autocomplete=\"new-password\"",
                "Used only to compute the signature: never stored, logged or shown back. "
                        + "For that reason you type it again each time.");
        boolean open = !view.timestamp().isEmpty() || view.errors().containsKey(Field.TIMESTAMP.key());
        html.append("<details").append(open ? " open" : "").append(">\n<summary>Reproduce an earlier signature</summary>\n");
        input(html, view, Field.TIMESTAMP, Field.TIMESTAMP.label() + " (optional)", "text", view.timestamp(),
                "inputmode=\"numeric\" placeholder=\"1444762678\"",
                "Unix time in seconds. Leave it empty to sign with the current time.");
        html.append("</details>\n<button type=\"submit\" class=\"primary\">Sign</button>\n</form>\n");
        html.append("""
                <footer><p>The signature is Base64(HMAC-SHA256) keyed with the client secret over client secret +
                callback URL + client ID + timestamp. Also available as a REST API (<a href="/api">API</a>:
                <code>POST /signature</code>, <code>POST /verify</code>) and as <code>/hmac</code> in Slack.</p></footer>
                </main>
                </body>
                </html>
                """);
        return html.toString();
    }

    private static void result(StringBuilder html, Map<String, String> result) {
        String timestamp = result.getOrDefault("timestamp", "");
        html.append("<section class=\"result\" aria-labelledby=\"result-title\">\n")
                .append("<h2 id=\"result-title\">Signature</h2>\n")
                .append("<div class=\"signature\"><code id=\"signature\">").append(escape(result.get("signature")))
                .append("</code> <button type=\"button\" class=\"copy\" data-copy-target=\"signature\" hidden>Copy</button></div>\n")
                .append("<dl>\n<dt>Timestamp</dt><dd><code id=\"result-timestamp\">").append(escape(timestamp))
                .append("</code> <button type=\"button\" class=\"copy\" data-copy-target=\"result-timestamp\" hidden>Copy</button>")
                .append(" <span class=\"muted\">").append(escape(utc(timestamp))).append("</span></dd>\n")
                .append("<dt>Callback URL</dt><dd><code id=\"result-callback\">").append(escape(result.get("callback")))
                .append("</code></dd>\n<dt>Client ID</dt><dd><code id=\"result-clientid\">")
                .append(escape(result.get("clientid"))).append("</code></dd>\n</dl>\n")
                .append("<p class=\"hint\">Send the signature together with its timestamp: the endpoint checks both.</p>\n")
                .append("</section>\n");
    }

    private static void input(StringBuilder html, FormView view, Field field, String label, String type,
                              String value, String extra, String hint) {
        String id = field.key();
        String name = field.formName();
        String error = view.errors().get(id);
        html.append("<div class=\"field").append(error != null ? " invalid" : "").append("\">\n")
                .append("<label for=\"").append(id).append("\">").append(escape(label)).append("</label>\n");
        if (hint != null) {
            html.append("<p class=\"hint\" id=\"").append(id).append("-hint\">").append(escape(hint)).append("</p>\n");
        }
        if (error != null) {
            html.append("<p class=\"error\" id=\"").append(id).append("-error\">").append(escape(error)).append("</p>\n");
        }
        html.append("<div class=\"control\"><input id=\"").append(id).append("\" name=\"").append(name)
                .append("\" type=\"").append(type).append("\" value=\"").append(escape(value))
                .append("\" spellcheck=\"false\" autocapitalize=\"off\" ").append(extra);
        String describedBy = (hint != null ? id + "-hint " : "") + (error != null ? id + "-error" : "");
        if (!describedBy.isBlank()) {
            html.append(" aria-describedby=\"").append(describedBy.trim()).append('"');
        }
        if (error != null) {
            html.append(" aria-invalid=\"true\"");
        }
        html.append('>');
        if ("password".equals(type)) {
            html.append(" <button type=\"button\" class=\"reveal\" data-reveal-target=\"").append(id)
                    .append("\" aria-pressed=\"false\" hidden>Show</button>");
        }
        html.append("</div>\n</div>\n");
    }

    private static String utc(String timestamp) {
        try {
            return "(" + UTC.format(Instant.ofEpochSecond(Long.parseLong(timestamp))) + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }
}
