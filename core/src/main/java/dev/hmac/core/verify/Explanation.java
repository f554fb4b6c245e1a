package dev.hmac.core.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One reason a signature does not match, for people: what differs and what to do.
 *
 * @param message plain words; never the client secret, never a signature
 * @param details machine-readable facts where they help, in a fixed order: {@code field} (the REST name),
 *     {@code timestamp} and {@code time} (ISO-8601 UTC), {@code offset_seconds}, {@code algorithm},
 *     {@code encoding} and a few more per cause; values are strings, numbers or booleans
 */
public record Explanation(Cause cause, String message, Map<String, Object> details) {
    public Explanation {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(message, "message");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
