package dev.hmac.aws;

import dev.hmac.core.FailureTrace;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.audit.Caller;
import dev.hmac.core.audit.EmbeddedMetrics;
import dev.hmac.core.audit.Failure;
import java.time.Clock;
import java.util.Objects;

/**
 * The audit trail as {@link JsonLog} lines, the same on both Lambdas and the server: for each signing or check, one
 * INFO line whose {@code audit} object is the event ({@link AuditEvent#toJson}) and whose other members are its counts
 * in CloudWatch's embedded metric format ({@link EmbeddedMetrics}: the format takes any other member beside its own),
 * so one write per request; for each counted failure, a WARN line of its count. The audit object is nested so that
 * its own {@code timestamp} (the one signed) and {@code requestId} sit beside the line's. INFO and WARN on purpose:
 * the template keeps the functions' application log level at INFO.
 */
public final class AuditLines implements AuditTrail {
    /** The audit trail on standard output. */
    public static final AuditLines STANDARD_OUTPUT = new AuditLines(JsonLog.STANDARD_OUTPUT, Clock.systemUTC());

    private static final String LOGGER = "audit";

    private final JsonLog log;
    private final Clock clock;

    public AuditLines(JsonLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(Caller caller, AuditEvent event) {
        try {
            log.log(JsonLog.Level.INFO, LOGGER, event.summary(), new EventMembers(event, caller, clock.millis()));
        } catch (RuntimeException e) {
            // An audit line that can't be written must not cost the person their signature.
            log.error("audit line not written: " + FailureTrace.of(e));
        }
    }

    /** The event's members of its line: the {@code audit} object, then its counts, written straight into it. */
    private record EventMembers(AuditEvent event, Caller caller, long epochMillis) implements JsonLog.Members {
        @Override
        public void write(StringBuilder sb) {
            sb.append(",\"audit\":");
            event.writeJson(sb, caller);
            EmbeddedMetrics.writeMembers(sb, caller, event, epochMillis);
        }
    }

    @Override
    public void count(Failure failure, String code) {
        try {
            log.log(JsonLog.Level.WARN, LOGGER, "metrics", EmbeddedMetrics.of(failure, code, clock.millis()));
        } catch (RuntimeException e) {
            log.error("metric line not written: " + FailureTrace.of(e));
        }
    }
}
