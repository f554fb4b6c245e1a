package dev.hmac.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.audit.Actor;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.Caller;
import dev.hmac.core.audit.Failure;
import dev.hmac.core.audit.Surface;
import dev.hmac.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLinesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30.123Z"), ZoneOffset.UTC);
    private static final Caller REST = new Caller(Surface.REST, Actor.apiKey("k1", "192.0.2.1"), "gw-1", null);

    private final List<String> lines = new ArrayList<>();
    private final AuditLines audit = new AuditLines(new JsonLog(lines::add, CLOCK), CLOCK);

    private Map<?, ?> line(int i) throws Exception {
        return (Map<?, ?>) Json.parse(lines.get(i));
    }

    @Test
    void aSigning_isOneInfoLine_theEventNested_andItsCountsBesideIt() throws Exception {
        AuditEvent event = AuditEvent.invalid(AuditEvent.Kind.SIGNATURE, List.of());

        audit.record(REST, event);

        assertEquals(1, lines.size());
        Map<?, ?> first = line(0);
        assertEquals("INFO", first.get("level"));
        assertEquals("audit", first.get("logger"));
        assertEquals("signature invalid", first.get("message"));
        assertEquals("2026-12-01T10:15:30.123Z", first.get("timestamp"), "the line's time, the audit's own beside it");
        assertEquals(Json.parse(Json.write(event.toJson(REST))), first.get("audit"));
        assertEquals("rest", first.get("Surface"));
        assertEquals("invalid", first.get("Outcome"));
        assertEquals(1, ((Number) first.get("InvalidRequests")).intValue());
        assertEquals(CLOCK.millis(), ((Number) ((Map<?, ?>) first.get("_aws")).get("Timestamp")).longValue());
    }

    @Test
    void aFailure_isAWarnLineOfItsCount() throws Exception {
        audit.count(Failure.REPLY, "http_404");

        assertEquals(1, lines.size());
        assertEquals("WARN", line(0).get("level"));
        assertEquals("http_404", line(0).get("Error"));
        assertEquals(1, ((Number) line(0).get("ReplyFailures")).intValue());
    }

    @Test
    void aLineThatCannotBeWritten_costsTheCallerNothing() {
        List<String> written = new ArrayList<>();
        AuditLines failing = new AuditLines(new JsonLog(line -> {
            if (line.contains("\"audit\"") || line.contains("\"_aws\"")) {
                throw new IllegalStateException("disk full");
            }
            written.add(line);
        }, CLOCK), CLOCK);

        failing.record(REST, AuditEvent.invalid(AuditEvent.Kind.SIGNATURE, List.of()));
        failing.count(Failure.VIEWS_OPEN, "expired_trigger_id");

        assertEquals(2, written.size());
        assertTrue(written.get(0).contains("audit line not written: java.lang.IllegalStateException"), written.get(0));
        assertTrue(written.stream().noneMatch(line -> line.contains("disk full")), "the message is not logged");
    }
}
