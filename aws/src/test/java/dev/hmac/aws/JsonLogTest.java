package dev.hmac.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hmac.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogTest {
    private final List<String> lines = new ArrayList<>();
    private final JsonLog log = new JsonLog(lines::add, Clock.fixed(Instant.parse("2026-11-24T10:15:30.123456Z"), ZoneOffset.UTC));

    @Test
    void line_isOneJsonObject_withTimestampLevelAndMessage() throws Exception {
        log.warn("POST (another path) -> 404");

        assertEquals(List.of("{\"timestamp\":\"2026-11-24T10:15:30.123Z\",\"level\":\"WARN\",\"message\":\"POST (another path) -> 404\"}"),
                lines);
        assertEquals(Map.of("timestamp", "2026-11-24T10:15:30.123Z", "level", "WARN", "message", "POST (another path) -> 404"),
                Json.parse(lines.get(0)));
    }

    @Test
    void duringAnInvocation_theLineNamesItsRequestId_thenNoMore() throws Exception {
        log.requestId("8f5e-1");
        log.log(JsonLog.Level.INFO, "SlackEventsHandler", "Primed", Map.of("status", 200, "field", "callback"));
        log.requestId(null);
        log.info("after");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("timestamp", "2026-11-24T10:15:30.123Z");
        expected.put("level", "INFO");
        expected.put("message", "Primed");
        expected.put("requestId", "8f5e-1");
        expected.put("logger", "SlackEventsHandler");
        expected.put("status", new java.math.BigDecimal(200));
        expected.put("field", "callback");
        Map<?, ?> first = (Map<?, ?>) Json.parse(lines.get(0));
        assertEquals(List.copyOf(expected.keySet()).subList(0, 5), List.copyOf(first.keySet()).subList(0, 5));
        assertEquals(expected, first);
        assertFalse(lines.get(1).contains("requestId"));
    }

    @Test
    void lineBreaksAndQuotesInAMessage_stayInsideTheOneLine() {
        log.error("a \"b\"\nc\r\n");

        assertEquals(1, lines.size());
        assertFalse(lines.get(0).contains("\n") || lines.get(0).contains("\r"));
    }
}
