package dev.hmac.bot;

import dev.hmac.core.Field;
import java.util.Locale;
import java.util.Set;

/**
 * What a user typed after {@code /hmac}: nothing (open the form), {@code help}, or a callback URL and a client id
 * to pre-fill. Anything else gets the usage text. The text itself is never logged: people paste secrets into it.
 *
 * @param callback the callback URL to pre-fill, or null
 * @param clientId the client id to pre-fill, or null
 * @param tooManyWords true when more than two words came, which usually means a secret was typed too
 */
public record CommandText(Kind kind, String callback, String clientId, boolean tooManyWords) {
    public enum Kind { OPEN, HELP, UNKNOWN }

    private static final Set<String> HELP = Set.of("help", "-h", "--help", "?", "usage");

    public static CommandText parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new CommandText(Kind.OPEN, null, null, false);
        }
        if (HELP.contains(t.toLowerCase(Locale.ROOT))) {
            return new CommandText(Kind.HELP, null, null, false);
        }
        String[] words = t.split("\\s+");
        if (words.length > 2) {
            return new CommandText(Kind.UNKNOWN, null, null, true);
        }
        String callback = unwrapLink(words[0]);
        String clientId = words.length == 2 ? words[1] : null;
        if (!looksLikeWebAddress(callback) || callback.length() > Field.CALLBACK.maxLength()
                || clientId != null && clientId.length() > Field.CLIENT_ID.maxLength()) {
            return new CommandText(Kind.UNKNOWN, null, null, false);
        }
        return new CommandText(Kind.OPEN, callback, clientId, false);
    }

    /** Slack may send links as {@code <https://example.com|example.com>} when link escaping is on. */
    private static String unwrapLink(String word) {
        if (word.length() > 2 && word.startsWith("<") && word.endsWith(">")) {
            String inner = word.substring(1, word.length() - 1);
            int bar = inner.indexOf('|');
            return bar < 0 ? inner : inner.substring(0, bar);
        }
        return word;
    }

    private static boolean looksLikeWebAddress(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
