package dev.hmac.bot.views;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Block Kit JSON as plain maps, written with the core's JSON writer (see SlackWebApi for why not the SDK). */
final class Blocks {
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

    /** Inline code unless the value has a backtick, which code formatting can't hold; exact either way. */
    static String code(String value) {
        String escaped = escape(value);
        return value.indexOf('`') < 0 ? "`" + escaped + "`" : escaped;
    }
}
