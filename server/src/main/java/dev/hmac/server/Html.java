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
            char c = text.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default: sb.append(c);
            }
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
        for (String word : text.split("(?<=\\s)(?=\\S)")) {
            int from = 0;
            if (word.contains("://")) {
                int last = word.stripTrailing().length() - 1;
                for (int i = 1; i < last; i++) {
                    char c = word.charAt(i);
                    boolean before = ".?#&=".indexOf(c) >= 0;
                    boolean after = word.charAt(i - 1) == '/' && c != '/';
                    if (before || after) {
                        sb.append(escape(word.substring(from, i))).append("<wbr>");
                        from = i;
                    }
                }
            }
            sb.append(escape(word.substring(from)));
        }
        return sb.toString();
    }
}
