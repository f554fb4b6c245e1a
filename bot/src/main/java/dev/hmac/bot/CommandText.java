package dev.hmac.bot;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.SignatureRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a user typed after {@code /hmac}: nothing (the signing form), {@code verify} (the "Check a signature" form),
 * {@code help}, and after either form's word a callback URL and a client id to pre-fill. Anything else gets the
 * usage text. The text itself is never logged: people paste secrets into it.
 *
 * @param callback the callback URL to pre-fill, or null
 * @param clientId the client id to pre-fill, or null
 * @param tooManyWords true when more than two words came, which usually means a secret was typed too
 * @param problems what the signing rules say about the callback URL and client id to pre-fill (a modal can't open
 *     with field errors, so the form shows them above their fields)
 */
public record CommandText(Kind kind, String callback, String clientId, boolean tooManyWords,
                          List<FieldError> problems) {
    public enum Kind { SIGN, VERIFY, HELP, UNKNOWN }

    private static final Set<String> HELP = Set.of("help", "-h", "--help", "?", "usage");
    private static final Set<String> VERIFY = Set.of("verify", "check");

    public CommandText {
        problems = List.copyOf(problems);
    }

    public static CommandText parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return form(Kind.SIGN, null, null);
        }
        if (HELP.contains(t.toLowerCase(Locale.ROOT))) {
            return other(Kind.HELP, false);
        }
        String[] words = t.split("\\s+");
        Kind kind = Kind.SIGN;
        if (VERIFY.contains(words[0].toLowerCase(Locale.ROOT))) {
            kind = Kind.VERIFY;
            words = Arrays.copyOfRange(words, 1, words.length);
        }
        if (words.length > 2) {
            return other(Kind.UNKNOWN, true);
        }
        if (words.length == 0) {
            return form(kind, null, null);
        }
        String callback = unwrapLink(words[0]);
        if (!looksLikeAnAddress(callback)) {
            return other(Kind.UNKNOWN, false);
        }
        return form(kind, callback, words.length == 2 ? words[1] : null);
    }

    private static CommandText form(Kind kind, String callback, String clientId) {
        List<FieldError> problems = new ArrayList<>(2);
        if (callback != null) {
            try {
                SignatureRequest.of(callback, clientId, null, null);
            } catch (InvalidRequestException e) {
                for (FieldError error : e.errors()) {
                    // The secret is never typed here, and a missing client id is no problem yet.
                    if (error.field() == Field.CALLBACK || error.field() == Field.CLIENT_ID && clientId != null) {
                        problems.add(error);
                    }
                }
            }
        }
        return new CommandText(kind, callback, clientId, false, problems);
    }

    private static CommandText other(Kind kind, boolean tooManyWords) {
        return new CommandText(kind, null, null, tooManyWords, List.of());
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

    /**
     * A web address, or an attempt at one ({@code example.com}, {@code localhost:8080/cb}): worth opening the form
     * for, with the problem shown. A plain word is more likely a mistyped command.
     */
    private static boolean looksLikeAnAddress(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || word.indexOf('.') >= 0
                || word.indexOf('/') >= 0 || word.indexOf(':') >= 0;
    }
}
