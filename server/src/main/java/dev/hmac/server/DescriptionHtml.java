package dev.hmac.server;

import static dev.hmac.server.Html.escape;

/**
 * The document's descriptions as HTML: the part of CommonMark they use (paragraphs, {@code -} lists, {@code `code`}
 * spans). Anything else shows as the text it is; everything is escaped.
 */
final class DescriptionHtml {
    private DescriptionHtml() {
    }

    static String render(Object description) {
        if (!(description instanceof String text) || text.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder(text.length() + 64);
        for (String block : text.strip().split("\n\\s*\n")) {
            String[] lines = block.split("\n");
            if (lines[0].startsWith("- ")) {
                html.append("<ul>\n");
                StringBuilder item = null;
                for (String line : lines) {
                    if (line.startsWith("- ")) {
                        if (item != null) {
                            html.append("<li>").append(inline(item.toString())).append("</li>\n");
                        }
                        item = new StringBuilder(line.substring(2).strip());
                    } else {
                        item.append(' ').append(line.strip());
                    }
                }
                html.append("<li>").append(inline(item.toString())).append("</li>\n</ul>\n");
            } else {
                html.append("<p>").append(inline(String.join(" ", lines).strip())).append("</p>\n");
            }
        }
        return html.toString();
    }

    /** Text with its {@code `code`} spans; a lone backtick stays one. */
    static String inline(String text) {
        StringBuilder html = new StringBuilder(text.length() + 32);
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('`', at);
            int close = open < 0 ? -1 : text.indexOf('`', open + 1);
            if (close < 0) {
                html.append(escape(text.substring(at)));
                break;
            }
            html.append(escape(text.substring(at, open))).append("<code>")
                    .append(escape(text.substring(open + 1, close))).append("</code>");
            at = close + 1;
        }
        return html.toString();
    }
}
