package dev.hmac.server;

import static dev.hmac.server.Html.escape;

import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.Field;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What both pages of the web form share: the frame (head, the header's links, the footer), the alerts, the fields,
 * the "Other schemes" disclosure and a signature with its facts. Every value is HTML-escaped. Works without
 * JavaScript: the script only adds the copy and show buttons.
 */
final class FormPage {
    /** Strict: only this server's own script, styles and icon, no framing, forms post only here. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "Cache-Control", "no-store",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    /** One link of the header. */
    record Link(String path, String label) {
    }

    /** The header's links, in order: every page of the form. */
    static final List<Link> NAVIGATION = List.of(
            new Link(SigningPage.PATH, "Sign"),
            new Link(CheckPage.PATH, "Check a signature"),
            new Link(ApiDocument.PAGE_PATH, "API"));

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private FormPage() {
    }

    /**
     * The page up to its lead paragraph; {@code path} is the page's own, marked in the header, which also says who is
     * signed in when single sign-on is on.
     */
    static StringBuilder open(String path, FormView view, String title, String heading, String lead) {
        StringBuilder html = new StringBuilder(8000);
        html.append("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · hmac</title>
                <link rel="icon" href="/favicon.ico" sizes="16x16 32x32">
                <link rel="stylesheet" href="/static/form.css">
                <script src="/static/form.js" defer></script>
                </head>
                <body>
                <header class="site">
                <a class="brand" href="/">hmac</a>
                <nav aria-label="Pages"><ul>
                """.formatted(escape(title)));
        for (Link link : NAVIGATION) {
            html.append("<li><a href=\"").append(link.path()).append('"')
                    .append(link.path().equals(path) ? " aria-current=\"page\"" : "").append('>')
                    .append(escape(link.label())).append("</a></li>\n");
        }
        html.append("</ul></nav>\n");
        if (view.signedIn() != null) {
            html.append("<p class=\"signed-in\">Signed in as <strong>").append(escape(view.signedIn()))
                    .append("</strong></p>\n");
        }
        html.append("</header>\n<main>\n<h1>").append(escape(heading)).append("</h1>\n<p class=\"lead\">")
                .append(escape(lead)).append("</p>\n");
        return html;
    }

    /** The footer, the live region that announces a copy, and the end of the page. */
    static String close(StringBuilder html, String footer) {
        html.append("<footer><p>").append(footer).append("</p></footer>\n</main>\n")
                .append("<div id=\"copy-status\" class=\"visually-hidden\" role=\"status\"></div>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    /** A problem that is not about one field, then the summary of the fields at fault, each a link to its field. */
    static void alerts(StringBuilder html, FormView view) {
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
    }

    /** The form's opening tag: posts to the page itself. */
    static void formStart(StringBuilder html, String path) {
        html.append("<form method=\"post\" action=\"").append(path).append("\" novalidate autocomplete=\"off\">\n");
    }

    /** Callback, client ID and secret, as both pages ask for them. */
    static void credentials(StringBuilder html, FormView view, String secretHint) {
        input(html, view, Field.CALLBACK, Field.CALLBACK.label(), "text",
                "inputmode=\"url\" placeholder=\"https://example.com/callback\"", null);
        input(html, view, Field.CLIENT_ID, Field.CLIENT_ID.label(), "text", "", null);
        input(html, view, Field.CLIENT_SECRET, Field.CLIENT_SECRET.label(), "password",
                "autocomplete=\"new-password\"", secretHint);
    }

    /**
     * One text field with its label, hint and error. Its value is what was typed, except for the secret and the
     * signature, which are never put back.
     */
    static void input(StringBuilder html, FormView view, Field field, String label, String type, String extra,
                      String hint) {
        String id = field.key();
        fieldStart(html, view, field, label, hint);
        html.append("<div class=\"control\"><input id=\"").append(id).append("\" name=\"").append(field.formName())
                .append("\" type=\"").append(type).append("\" value=\"").append(escape(view.typed(field)))
                .append("\" spellcheck=\"false\" autocapitalize=\"off\" ").append(extra);
        describedBy(html, view, field, hint);
        html.append('>');
        if ("password".equals(type)) {
            html.append(" <button type=\"button\" class=\"reveal\" data-reveal-target=\"").append(id)
                    .append("\" aria-pressed=\"false\" hidden>Show</button>");
        }
        html.append("</div>\n</div>\n");
    }

    /**
     * The algorithm and encoding, closed unless something other than the defaults was chosen (or is at fault).
     * MD5 and SHA-1 are marked weak.
     */
    static void schemes(StringBuilder html, FormView view) {
        Algorithm algorithm = Algorithm.parse(view.typed(Field.ALGORITHM)).orElse(Algorithm.DEFAULT);
        Encoding encoding = Encoding.parse(view.typed(Field.ENCODING)).orElse(Encoding.DEFAULT);
        boolean open = algorithm != Algorithm.DEFAULT || encoding != Encoding.DEFAULT
                || view.errors().containsKey(Field.ALGORITHM.key()) || view.errors().containsKey(Field.ENCODING.key());
        html.append("<details class=\"schemes\"").append(open ? " open" : "").append(">\n<summary>Other schemes</summary>\n")
                .append("<p class=\"hint\">Apigee's HMAC policy can hash with other algorithms and write the result in "
                        + "other encodings. Change these only when the endpoint's policy names another.</p>\n");
        String algorithmHint = "MD5 and SHA-1 are weak: use them only where the endpoint requires them.";
        fieldStart(html, view, Field.ALGORITHM, Field.ALGORITHM.label(), algorithmHint);
        html.append("<div class=\"control\"><select id=\"").append(Field.ALGORITHM.key()).append("\" name=\"")
                .append(Field.ALGORITHM.formName()).append('"');
        describedBy(html, view, Field.ALGORITHM, algorithmHint);
        html.append(">\n");
        for (Algorithm option : List.of(Algorithm.SHA256, Algorithm.SHA384, Algorithm.SHA512, Algorithm.SHA224,
                Algorithm.SHA1, Algorithm.MD5)) {
            option(html, option.key(), option == algorithm, option.label()
                    + (option == Algorithm.DEFAULT ? " (the default)" : option.isWeak() ? " (weak)" : ""));
        }
        html.append("</select></div>\n</div>\n");
        fieldStart(html, view, Field.ENCODING, Field.ENCODING.label(), null);
        html.append("<div class=\"control\"><select id=\"").append(Field.ENCODING.key()).append("\" name=\"")
                .append(Field.ENCODING.formName()).append('"');
        describedBy(html, view, Field.ENCODING, null);
        html.append(">\n");
        for (Encoding option : Encoding.values()) {
            option(html, option.key(), option == encoding, option.description()
                    + (option == Encoding.DEFAULT ? ", the default" : ""));
        }
        html.append("</select></div>\n</div>\n</details>\n");
    }

    /**
     * A signature and what goes with it: its copy button, the timestamp (with its own) and its UTC time, the
     * scheme, the callback and the client id.
     */
    static void signature(StringBuilder html, String signature, String timestamp, Algorithm algorithm,
                          Encoding encoding, String callback, String clientId) {
        html.append("<div class=\"signature\"><code id=\"result-signature\">").append(escape(signature))
                .append("</code>");
        copyButton(html, "result-signature", "signature");
        html.append("</div>\n<dl>\n<dt>Timestamp</dt><dd><code id=\"result-timestamp\">").append(escape(timestamp))
                .append("</code>");
        copyButton(html, "result-timestamp", "timestamp");
        utc(timestamp).ifPresent(time -> html.append(" <span class=\"muted\">(").append(time).append(")</span>"));
        html.append("</dd>\n<dt>Scheme</dt><dd id=\"result-scheme\">").append(escape(algorithm.label())).append(", ")
                .append(escape(encoding.key())).append("</dd>\n")
                .append("<dt>Callback URL</dt><dd><code id=\"result-callback\">").append(Html.breakable(callback))
                .append("</code></dd>\n<dt>Client ID</dt><dd><code id=\"result-clientid\">").append(Html.breakable(clientId))
                .append("</code></dd>\n</dl>\n");
    }

    /** The time a timestamp stands for, when it is one. */
    static Optional<String> utc(String timestamp) {
        try {
            return Optional.of(UTC.format(Instant.ofEpochSecond(Long.parseLong(timestamp))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @param what names the button for assistive technology ("Copy signature") and the announcement */
    private static void copyButton(StringBuilder html, String target, String what) {
        html.append(" <button type=\"button\" class=\"copy\" data-copy-target=\"").append(target)
                .append("\" data-copy-what=\"").append(what).append("\" aria-label=\"Copy ").append(what)
                .append("\" hidden>Copy</button>");
    }

    private static void option(StringBuilder html, String value, boolean selected, String label) {
        html.append("<option value=\"").append(value).append('"').append(selected ? " selected" : "").append('>')
                .append(escape(label)).append("</option>\n");
    }

    private static void fieldStart(StringBuilder html, FormView view, Field field, String label, String hint) {
        String id = field.key();
        String error = view.errors().get(id);
        html.append("<div class=\"field").append(error != null ? " invalid" : "").append("\">\n")
                .append("<label for=\"").append(id).append("\">").append(escape(label)).append("</label>\n");
        if (hint != null) {
            html.append("<p class=\"hint\" id=\"").append(id).append("-hint\">").append(escape(hint)).append("</p>\n");
        }
        if (error != null) {
            html.append("<p class=\"error\" id=\"").append(id).append("-error\">").append(escape(error)).append("</p>\n");
        }
    }

    private static void describedBy(StringBuilder html, FormView view, Field field, String hint) {
        String id = field.key();
        boolean error = view.errors().containsKey(id);
        String describedBy = (hint != null ? id + "-hint " : "") + (error ? id + "-error" : "");
        if (!describedBy.isBlank()) {
            html.append(" aria-describedby=\"").append(describedBy.trim()).append('"');
        }
        if (error) {
            html.append(" aria-invalid=\"true\"");
        }
    }
}
