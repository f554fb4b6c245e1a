package dev.hmac.aws;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO 8601 times in UTC, written out by hand: java.time's formatters are dozens of classes, and their pattern
 * parsing interpreted code, that a cold function would pay for on its first log line or its first signed request.
 */
final class UtcTime {
    private UtcTime() {
    }

    /** {@code 2026-11-24T10:15:30.123Z}: the log lines' timestamps. */
    static void extended(StringBuilder sb, long epochMillis) {
        LocalDateTime t = time(Math.floorDiv(epochMillis, 1000L));
        sb.append(t.getYear()).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2).append('.');
        pad(sb, (int) Math.floorMod(epochMillis, 1000L), 3).append('Z');
    }

    /** {@code 20261124T101530Z}: Signature Version 4's {@code X-Amz-Date}. */
    static String basic(long epochSeconds) {
        LocalDateTime t = time(epochSeconds);
        StringBuilder sb = new StringBuilder(16).append(t.getYear());
        pad(sb, t.getMonthValue(), 2);
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2);
        pad(sb, t.getMinute(), 2);
        return pad(sb, t.getSecond(), 2).append('Z').toString();
    }

    private static LocalDateTime time(long epochSeconds) {
        return LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
    }

    private static StringBuilder pad(StringBuilder sb, int value, int digits) {
        for (int limit = 10; digits > 1; digits--, limit *= 10) {
            if (value < limit) {
                sb.append('0');
            }
        }
        return sb.append(value);
    }
}
