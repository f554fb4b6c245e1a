package dev.hmac.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class UtcTimeTest {
    @Test
    void basic_isSignatureVersion4sDate_zeroPadded_asJavaTimeFormatsIt() {
        DateTimeFormatter sigV4 = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        for (long seconds : new long[] {0L, 1_444_762_678L, 1_767_225_600L, 4_102_444_799L, 946_684_800L}) {
            assertEquals(sigV4.format(Instant.ofEpochSecond(seconds)), UtcTime.basic(seconds));
        }
    }

    @Test
    void extended_isIso8601WithMilliseconds() {
        StringBuilder sb = new StringBuilder();
        UtcTime.extended(sb, 1_444_762_678_007L);
        assertEquals("2015-10-13T18:57:58.007Z", sb.toString());
    }
}
