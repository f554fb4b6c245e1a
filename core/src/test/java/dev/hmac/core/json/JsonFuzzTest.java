package dev.hmac.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes: the parser answers with a value or a JsonException, nothing else (no other exception, no stack
 * overflow, no hang), and what it accepts is written back to JSON that parses to the same value. Replays the
 * inputs in JsonFuzzTestInputs in every build; scripts/fuzz fuzzes it.
 */
class JsonFuzzTest {

    @FuzzTest
    @DictionaryEntries({"\"", "\\u", "\\ud800", "\\udc00", "[", "{", "}", "]", ":", ",", "true", "false", "null",
            "1e999999999", "-0.0e-0", "\uFEFF"})
    void anyBytes_parseOrFailCleanly_andWhatParsesWritesBackTheSame(byte[] input) throws JsonException {
        Object value;
        try {
            value = Json.parse(input);
        } catch (JsonException e) {
            assertNotNull(e.getMessage());
            return;
        }
        String written = Json.write(value);

        assertEquals(value, Json.parse(written));
        assertEquals(written, Json.write(Json.parse(written)));
        // Safe inside HTML and scripts too: these only ever appear escaped.
        for (char c : new char[] {'<', '>', '&', '\u2028', '\u2029'}) {
            assertFalse(written.indexOf(c) >= 0, "raw " + (int) c);
        }
    }
}
