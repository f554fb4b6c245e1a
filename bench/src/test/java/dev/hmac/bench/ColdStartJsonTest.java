package dev.hmac.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartJsonTest {
    @Test
    void medians_areWrittenInTheDocumentedShape_numbersAsNumbers_nullWhereAFigureDoesNotApply() throws Exception {
        String json = ColdStartJson.write(9, List.of(
                new ColdStartJson.Medians("image-appcds", "https", 312.46, 318.04, 41.0, 66.75, 0),
                new ColdStartJson.Medians("rest-python-port", "http", null, 68.0, null, 20.8, null)));

        Map<?, ?> root = (Map<?, ?>) Json.parse(json);
        assertEquals(List.of("runs", "contenders"), List.copyOf(root.keySet()));
        assertEquals(9L, ((Number) root.get("runs")).longValue());
        List<?> contenders = (List<?>) root.get("contenders");
        Map<?, ?> image = (Map<?, ?>) contenders.get(0);
        assertEquals(List.of("name", "transport", "views_open_ms", "response_ms", "next_to_views_open_ms", "peak_rss_mb",
                "slack_calls_before_views_open"), List.copyOf(image.keySet()));
        assertEquals("image-appcds", image.get("name"));
        assertEquals("https", image.get("transport"));
        assertEquals(new BigDecimal("312.5"), new BigDecimal(image.get("views_open_ms").toString()));
        assertEquals(new BigDecimal("66.8"), new BigDecimal(image.get("peak_rss_mb").toString()));
        assertEquals("0", image.get("slack_calls_before_views_open").toString(), "an integer");
        assertTrue(json.contains("\"slack_calls_before_views_open\":0}"), json);
        Map<?, ?> python = (Map<?, ?>) contenders.get(1);
        assertNull(python.get("views_open_ms"));
        assertNull(python.get("next_to_views_open_ms"));
        assertNull(python.get("slack_calls_before_views_open"));
        assertTrue(python.containsKey("slack_calls_before_views_open"), "null, not left out");
    }
}
