package dev.hmac.core.audit;

import java.util.Locale;

/** Where a signature was asked for or checked. */
public enum Surface {
    REST,
    FORM,
    SLACK;

    /** As audit lines and metrics name it: {@code rest}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
