package dev.hmac.tests.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.core.testing.Canary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit lines of a process's output, read as CloudWatch Logs Insights reads them (one JSON object a line, the
 * event under {@code audit}), and what every one of them must hold: who asked, what was done, and never a secret
 * or a signature.
 */
final class AuditLog {
    /** The keys an audit line may have; anything else would be something we did not mean to log. */
    private static final Set<String> KEYS = Set.of("event", "surface", "actor", "clientid", "callback", "timestamp",
            "algorithm", "encoding", "outcome", "cause", "fields", "signatureSha256", "requestId", "forwardedRequestId");

    private static final Pattern SIGNATURE =
            Pattern.compile("signature\\\\?\"\\s*:\\s*\\\\?\"([A-Za-z0-9+/=_\\\\-]{16,})");

    private AuditLog() {
    }

    /** The audit objects of these lines, in order. */
    static List<Map<?, ?>> audits(Collection<String> lines) {
        List<Map<?, ?>> audits = new ArrayList<>();
        for (String line : lines) {
            int start = line.indexOf('{');
            if (start < 0 || !line.contains("\"audit\":{")) {
                continue;
            }
            Object parsed;
            try {
                parsed = Json.parse(line.substring(start));
            } catch (JsonException e) {
                throw new AssertionError("an audit line that is not JSON: " + line, e);
            }
            if (parsed instanceof Map<?, ?> object && object.get("audit") instanceof Map<?, ?> audit) {
                assertTrue(Set.of("INFO").contains(object.get("level")), "audit lines are INFO: " + line);
                audits.add(audit);
            }
        }
        return audits;
    }

    static List<Map<?, ?>> audits(String output) {
        return audits(List.of(output.split("\n")));
    }

    /**
     * Every line names its surface, its actor and its request, has only the keys of the format, and holds neither the
     * canary secret nor any of these signatures (the ones the tests made: a signature and its timestamp are a
     * credential). Returns the lines' outcomes, in order.
     */
    static List<String> assertWellFormed(String where, List<Map<?, ?>> audits, String surface, Set<String> signatures) {
        List<String> outcomes = new ArrayList<>();
        for (Map<?, ?> audit : audits) {
            String line = Json.write(audit);
            Canary.assertAbsent(where + "'s audit line", line);
            for (String signature : signatures) {
                assertFalse(line.contains(signature), where + ": a signature in " + line);
            }
            assertTrue(KEYS.containsAll(audit.keySet()), where + ": " + line);
            assertEquals(surface, audit.get("surface"), line);
            assertTrue(audit.get("actor") instanceof Map<?, ?> actor && !actor.isEmpty(), where + ": no actor in " + line);
            assertTrue(audit.get("requestId") instanceof String id && !id.isEmpty(), where + ": no request id in " + line);
            assertTrue(Set.of("signature", "verification").contains(audit.get("event")), line);
            outcomes.add((String) audit.get("outcome"));
        }
        return outcomes;
    }

    /** The signatures an answer holds, as it is or JSON-quoted inside another (a proxy reply's body). */
    static Set<String> signaturesIn(String answer) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = SIGNATURE.matcher(answer);
        while (m.find()) {
            found.add(m.group(1).replace("\\/", "/"));
        }
        return found;
    }

    /**
     * The canary's signatures of the tests' callback and client id for every second in this range (a signing without
     * a timestamp signs with the time it runs), and for the tests' fixed timestamps.
     */
    static Set<String> canarySignatures(long fromSecond, long toSecond) {
        Set<String> signatures = new LinkedHashSet<>();
        for (long t = fromSecond - 1; t <= toSecond + 1; t++) {
            signatures.add(Canary.signature("https://a.example/cb", "client-id", Long.toString(t)));
        }
        signatures.add(Canary.signature("https://a.example/cb", "client-id", "1444762678"));
        signatures.add(Canary.signature("https://a.example/cb", "client-id", "1444762679"));
        return signatures;
    }

    static long count(List<String> outcomes, String outcome) {
        return outcomes.stream().filter(outcome::equals).count();
    }

    /** How many of these outcomes are a signing or a verdict (not an invalid request). */
    static long done(List<String> outcomes) {
        return outcomes.stream().filter(o -> Set.of("signed", "match", "mismatch").contains(o)).count();
    }
}
