package dev.hmac.core.audit;

import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts in CloudWatch's embedded metric format: members of a JSON log line from which CloudWatch Logs makes
 * metrics in namespace {@value #NAMESPACE}, with no client library and no call to CloudWatch. In both Lambdas'
 * logs and the ECS task's (its awslogs driver writes each line as an event, and CloudWatch Logs extracts the format
 * from any log group).
 *
 * <ul>
 *   <li>{@code Signatures} and {@code Verifications}, by {@code Surface} and {@code Outcome};</li>
 *   <li>{@code InvalidRequests}, by {@code Surface}: every invalid signing or check;</li>
 *   <li>each {@link Failure}, by its code and in total (no dimension), so that one alarm sees any of them.</li>
 * </ul>
 */
public final class EmbeddedMetrics {
    public static final String NAMESPACE = "hmac";
    /** A code longer than this, or not of {@code [a-z0-9_]}, is counted as {@value #OTHER}: metrics are bounded. */
    static final int MAX_CODE_LENGTH = 64;
    static final String OTHER = "other";
    private static final Json.Raw[] DIRECTIVES = new Json.Raw[4];

    private EmbeddedMetrics() {
    }

    /** The members of the line that counts this event, as a map (for readers of the line: tests). */
    public static Map<String, Object> of(Caller caller, AuditEvent event, long epochMillis) {
        StringBuilder sb = new StringBuilder(256).append('{');
        writeMembers(sb, caller, event, epochMillis);
        sb.setCharAt(1, ' '); // the first member's comma
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> members = (Map<String, Object>) Json.parse(sb.append('}').toString());
            return members;
        } catch (JsonException e) {
            throw new IllegalStateException("metric members that are not JSON", e);
        }
    }

    /**
     * Writes the members that count this event into its line, each after a comma: {@code _aws} with the directives,
     * {@code Surface}, {@code Outcome}, the metric and, when invalid, {@code InvalidRequests}. Straight into the line,
     * as a line is written per request; the dimension values are our own keys, so need no escaping.
     */
    public static void writeMembers(StringBuilder sb, Caller caller, AuditEvent event, long epochMillis) {
        boolean signature = event.kind() == AuditEvent.Kind.SIGNATURE;
        boolean invalid = event.outcome() == AuditEvent.Outcome.INVALID;
        sb.append(",\"_aws\":{\"Timestamp\":").append(epochMillis).append(",\"CloudWatchMetrics\":");
        directives(signature, invalid).writeJson(sb);
        sb.append("},\"Surface\":\"").append(caller.surface().key())
                .append("\",\"Outcome\":\"").append(event.outcome().key())
                .append(signature ? "\",\"Signatures\":1" : "\",\"Verifications\":1");
        if (invalid) {
            sb.append(",\"InvalidRequests\":1");
        }
    }

    /**
     * The directives of an event's line, serialized the first time they are needed and then copied as they are: the
     * same on every line, they were a third of its cost (one of the four on a cold start).
     */
    private static Json.Raw directives(boolean signature, boolean invalid) {
        int index = (signature ? 0 : 2) + (invalid ? 1 : 0);
        Json.Raw raw = DIRECTIVES[index];
        if (raw == null) {
            List<Object> directives = new ArrayList<>(2);
            directives.add(directive(signature ? "Signatures" : "Verifications", List.of(List.of("Surface", "Outcome"))));
            if (invalid) {
                directives.add(directive("InvalidRequests", List.of(List.of("Surface"))));
            }
            raw = new Json.Raw(Json.write(directives));
            DIRECTIVES[index] = raw; // a race only serializes the same text twice
        }
        return raw;
    }

    /** The members of the line that counts one failure, by its code and in total. */
    public static Map<String, Object> of(Failure failure, String code, long epochMillis) {
        Map<String, Object> members = metadata(epochMillis,
                List.of(directive(failure.metric(), List.of(List.of(failure.dimension()), List.of()))));
        members.put(failure.dimension(), code(code));
        members.put(failure.metric(), 1);
        return members;
    }

    /** The code as a dimension value: as it is when short and of {@code [a-z0-9_]}, else {@value #OTHER}. */
    static String code(String code) {
        if (code == null || code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
            return OTHER;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return OTHER;
            }
        }
        return code;
    }

    private static Map<String, Object> directive(String metric, List<List<String>> dimensions) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", dimensions);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("Name", metric);
        definition.put("Unit", "Count");
        directive.put("Metrics", List.of(definition));
        return directive;
    }

    private static Map<String, Object> metadata(long epochMillis, Object directives) {
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", epochMillis);
        aws.put("CloudWatchMetrics", directives);
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("_aws", aws);
        return members;
    }
}
