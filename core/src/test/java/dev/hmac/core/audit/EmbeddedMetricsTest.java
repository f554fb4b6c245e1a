package dev.hmac.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines as CloudWatch's embedded metric format specification reads them. */
class EmbeddedMetricsTest {
    private static final long NOW = 1_764_584_130_123L;
    private static final Caller FORM = new Caller(Surface.FORM, Actor.person(null, "192.0.2.1"), "r", null);

    private static Map<?, ?> parsed(Map<String, Object> members) throws Exception {
        return (Map<?, ?>) Json.parse(Json.write(members));
    }

    @Test
    void anInvalidSigning_countsASignatureBySurfaceAndOutcome_andAnInvalidRequestBySurface() throws Exception {
        AuditEvent invalid = AuditEvent.invalid(AuditEvent.Kind.SIGNATURE,
                List.of(new FieldError(Field.CALLBACK, "Callback must be a URL.")));

        Map<?, ?> line = parsed(EmbeddedMetrics.of(FORM, invalid, NOW));

        Map<?, ?> aws = (Map<?, ?>) line.get("_aws");
        assertEquals(NOW, ((Number) aws.get("Timestamp")).longValue());
        List<?> directives = (List<?>) aws.get("CloudWatchMetrics");
        assertEquals(2, directives.size());
        Map<?, ?> first = (Map<?, ?>) directives.get(0);
        assertEquals("hmac", first.get("Namespace"));
        assertEquals(List.of(List.of("Surface", "Outcome")), first.get("Dimensions"));
        assertEquals(List.of(Map.of("Name", "Signatures", "Unit", "Count")), first.get("Metrics"));
        assertEquals(List.of(List.of("Surface")), ((Map<?, ?>) directives.get(1)).get("Dimensions"));
        assertEquals("form", line.get("Surface"));
        assertEquals("invalid", line.get("Outcome"));
        assertEquals(1, ((Number) line.get("Signatures")).intValue());
        assertEquals(1, ((Number) line.get("InvalidRequests")).intValue());
    }

    @Test
    void aFailure_isCountedByItsCodeAndInTotal_andACodeOutsideTheBoundedSetIsOther() throws Exception {
        Map<?, ?> expired = parsed(EmbeddedMetrics.of(Failure.VIEWS_OPEN, "expired_trigger_id", NOW));
        Map<?, ?> odd = parsed(EmbeddedMetrics.of(Failure.VIEWS_OPEN, "Not A Code\"}", NOW));

        Map<?, ?> directive = (Map<?, ?>) ((List<?>) ((Map<?, ?>) expired.get("_aws")).get("CloudWatchMetrics")).get(0);
        assertEquals(List.of(List.of("Error"), List.of()), directive.get("Dimensions"), "by error, and one total to alarm on");
        assertEquals("expired_trigger_id", expired.get("Error"));
        assertEquals(1, ((Number) expired.get("ViewsOpenFailures")).intValue());
        assertEquals("other", odd.get("Error"));
        assertEquals("other", EmbeddedMetrics.code("x".repeat(EmbeddedMetrics.MAX_CODE_LENGTH + 1)));
        assertEquals("other", EmbeddedMetrics.code(null));
    }
}
