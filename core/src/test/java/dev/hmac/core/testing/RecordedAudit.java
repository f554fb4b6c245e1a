package dev.hmac.core.testing;

import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.audit.Caller;
import dev.hmac.core.audit.Failure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit trail that keeps what it was given, for tests to look at. */
public final class RecordedAudit implements AuditTrail {
    /** One audit line: who asked, and what was done. */
    public record Entry(Caller caller, AuditEvent event) {
    }

    /** One counted failure. */
    public record Count(Failure failure, String code) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<Count> counts = new CopyOnWriteArrayList<>();

    @Override
    public void record(Caller caller, AuditEvent event) {
        entries.add(new Entry(caller, event));
    }

    @Override
    public void count(Failure failure, String code) {
        counts.add(new Count(failure, code));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<Count> counts() {
        return List.copyOf(counts);
    }
}
