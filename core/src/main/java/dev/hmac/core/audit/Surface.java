package dev.hmac.core.audit;

import java.util.Locale;

/** Where a signature was asked for or checked. */
public enum Surface {
    REST,
    FORM,
    SLACK;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** As audit lines and metrics name it: {@code rest}. */
    public String key() {
        return key;
    }
}
