package dev.hmac.core.audit;

/**
 * Where a host writes its audit lines and the counts that go with them: one per process, shared by its surfaces.
 * Writing never fails the request: an implementation keeps its own failures to itself.
 */
public interface AuditTrail {

    /** One signing or check: its audit line, and its count by surface and outcome. */
    void record(Caller caller, AuditEvent event);

    /** One failure to count; {@code code} is a short code of ours or Slack's, never input. */
    void count(Failure failure, String code);
}
