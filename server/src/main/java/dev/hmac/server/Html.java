package dev.hmac.server;

/** HTML escaping for text and attribute values (double- or single-quoted). */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            escape(sb, text.charAt(i));
        }
        return sb.toString();
    }

    /**
     * Escaped text in which a long URL may wrap between its parts, as style guides break URLs: after a slash (after
     * both of {@code //}), before a dot, {@code ?}, {@code #}, {@code &} or {@code =}. Browsers see no place to break
     * in a URL, so a narrow window would break it in the middle of a word. Only words with {@code ://} are URLs here,
     * and a word's last character stays with it: a sentence's full stop stays with its sentence.
     */
    static String breakable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 32);
        int i = 0;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            boolean url = text.substring(i, end).contains("://");
            for (int j = i; j < end; j++) {
                char c = text.charAt(j);
                if (url && j > i && j + 1 < end && ".?#&=".indexOf(c) >= 0) {
                    sb.append("<wbr>");
                }
                escape(sb, c);
                if (url && c == '/' && j + 2 < end && text.charAt(j + 1) != '/') {
                    sb.append("<wbr>");
                }
            }
            while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                escape(sb, text.charAt(end++));
            }
            i = end;
        }
        return sb.toString();
    }

    private static void escape(StringBuilder sb, char c) {
        switch (c) {
            case '&': sb.append("&amp;"); break;
            case '<': sb.append("&lt;"); break;
            case '>': sb.append("&gt;"); break;
            case '"': sb.append("&quot;"); break;
            case '\'': sb.append("&#39;"); break;
            default: sb.append(c);
        }
    }
}
