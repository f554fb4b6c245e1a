package dev.hmac.bench;

import dev.hmac.core.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/coldstart --json FILE}: the contenders' medians for other tools to read, in this shape:
 * <pre>
 * {"runs": N, "contenders": [{"name", "transport": "https"|"http", "views_open_ms", "response_ms",
 *   "next_to_views_open_ms", "peak_rss_mb", "slack_calls_before_views_open"}]}
 * </pre>
 * Times in milliseconds and memory in MB as numbers (one decimal), the call count an integer, {@code null} where a
 * figure does not apply (the REST suite opens no modal and calls no Slack: its transport is plain HTTP).
 */
final class ColdStartJson {
    /** One contender's medians; null where a figure does not apply. */
    record Medians(String name, String transport, Double viewsOpenMs, double responseMs, Double nextToViewsOpenMs,
                   double peakRssMb, Integer slackCallsBeforeViewsOpen) {
    }

    private ColdStartJson() {
    }

    static String write(int runs, List<Medians> contenders) {
        List<Object> rows = new ArrayList<>();
        for (Medians c : contenders) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name());
            row.put("transport", c.transport());
            row.put("views_open_ms", number(c.viewsOpenMs()));
            row.put("response_ms", number(c.responseMs()));
            row.put("next_to_views_open_ms", number(c.nextToViewsOpenMs()));
            row.put("peak_rss_mb", number(c.peakRssMb()));
            row.put("slack_calls_before_views_open", c.slackCallsBeforeViewsOpen());
            rows.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runs", runs);
        root.put("contenders", rows);
        return Json.write(root);
    }

    private static BigDecimal number(Double value) {
        return value == null ? null : BigDecimal.valueOf(Math.round(value * 10) / 10.0);
    }
}
