package dev.hmac.bot.views;

import dev.hmac.bot.Ids;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Block Kit JSON as plain maps, written with the core's JSON writer (see SlackWebApi for why not the SDK), kept
 * within Block Kit's limits: Slack refuses a whole message or view when one text is too long.
 */
final class Blocks {
    /** The most characters of a section's text (and of any text object but a field's). */
    static final int MAX_TEXT = 3000;
    /** The most characters of one of a section's fields. */
    static final int MAX_FIELD = 2000;
    /** The most blocks in a message; a modal takes 100. */
    static final int MAX_MESSAGE_BLOCKS = 50;

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Blocks() {
    }

    static Map<String, Object> plainText(String text) {
        return Map.of("type", "plain_text", "text", text);
    }

    static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    static Map<String, Object> section(Map<String, Object> text) {
        return Map.of("type", "section", "text", text);
    }

    static Map<String, Object> fields(List<Map<String, Object>> fields) {
        return Map.of("type", "section", "fields", fields);
    }

    static Map<String, Object> context(String mrkdwn) {
        return Map.of("type", "context", "elements", List.of(mrkdwn(mrkdwn)));
    }

    /**
     * A modal view.
     *
     * @param submit the submit button's text, or null for a view that only shows something
     * @param privateMetadata carried to the submission, or null
     */
    static Map<String, Object> modal(String callbackId, String title, String submit, String close,
                                     String privateMetadata, List<Map<String, Object>> blocks) {
        return ordered(
                "type", "modal",
                "callback_id", callbackId,
                "private_metadata", privateMetadata,
                "title", plainText(title),
                "submit", submit == null ? null : plainText(submit),
                "close", plainText(close),
                "blocks", blocks);
    }

    /** A message for a response_url: ephemeral, so only the person who asked sees it. */
    static Map<String, Object> ephemeral(String text, List<Map<String, Object>> blocks) {
        return ordered(
                "response_type", "ephemeral",
                "replace_original", Boolean.FALSE,
                "text", text,
                "blocks", blocks);
    }

    /** A map that keeps insertion order, so the JSON reads in the order Slack documents it. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /** Escapes the three characters Slack's mrkdwn reserves. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * {@link #escape} of as much of {@code text} as fits in {@code max} characters, cut between two characters
     * (never inside an escape or a surrogate pair) and ending in "…" when cut.
     */
    static String escape(String text, int max) {
        String escaped = escape(text);
        if (escaped.length() <= max) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(max);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String piece = cp == '&' ? "&amp;" : cp == '<' ? "&lt;" : cp == '>' ? "&gt;" : new String(Character.toChars(cp));
            if (out.length() + piece.length() > max - 1) {
                break;
            }
            out.append(piece);
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }

    /** Inline code unless the value has a backtick, which code formatting can't hold; exact either way. */
    static String code(String value) {
        String escaped = escape(value);
        return value.indexOf('`') < 0 ? "`" + escaped + "`" : escaped;
    }

    /** A titled value in a code block (plain when it has a backtick), within a section's limit. */
    static Map<String, Object> codeSection(String title, String value) {
        boolean fenced = value.indexOf('`') < 0;
        String fence = fenced ? "```" : "";
        int room = MAX_TEXT - title.length() - 1 - 2 * fence.length();
        return section(mrkdwn(title + "\n" + fence + escape(value, room) + fence));
    }

    /** A section of mrkdwn that Slack will take however long the text: cut to its limit. */
    static Map<String, Object> textSection(String title, String plainText) {
        return section(mrkdwn(title + "\n" + escape(plainText, MAX_TEXT - title.length() - 1)));
    }

    /** A moment as people read it: {@code 2015-10-13 18:57:58 UTC}. */
    static String utc(Instant time) {
        return UTC.format(time);
    }

    /**
     * A modal's single-line text input for a field.
     *
     * @param initial pre-filled, unless it could not be shown as it is (too long, control or broken characters)
     */
    static Map<String, Object> input(Field field, String placeholder, String initial, boolean optional, String hint,
                                     int maxLength) {
        Map<String, Object> element = ordered(
                "type", "plain_text_input",
                "action_id", Ids.action(field),
                "placeholder", placeholder == null ? null : plainText(placeholder),
                "initial_value", displayable(initial, maxLength) ? initial : null,
                "max_length", maxLength);
        return ordered(
                "type", "input",
                "block_id", Ids.block(field),
                "optional", optional ? Boolean.TRUE : null,
                "label", plainText(field.label()),
                "hint", hint == null ? null : plainText(hint),
                "element", element);
    }

    /** A context block for each problem of this field, to put above its input: a modal can't open with errors. */
    static List<Map<String, Object>> problems(List<FieldError> problems, Field field) {
        // A loop, not a stream: this runs on a cold /hmac, before views.open.
        List<Map<String, Object>> blocks = new ArrayList<>(1);
        for (FieldError problem : problems) {
            if (problem.field() == field) {
                blocks.add(context(":warning: " + escape(problem.message(), MAX_TEXT - 10)));
            }
        }
        return blocks;
    }

    private static boolean displayable(String value, int maxLength) {
        if (value == null || value.codePointCount(0, value.length()) > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
