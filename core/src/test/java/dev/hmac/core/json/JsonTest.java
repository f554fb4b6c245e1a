package dev.hmac.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() throws JsonException {
        Object value = Json.parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\", \"n\":-12.5e2, \"z\":0,"
                + " \"t\":true, \"f\":false, \"nil\":null, \"a\":[1,[],{}]} ");

        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals("a\"b\\c/\né😀", map.get("s"));
        assertEquals(new BigDecimal("-12.5e2"), map.get("n"));
        assertEquals(BigDecimal.ZERO, map.get("z"));
        assertEquals(Boolean.TRUE, map.get("t"));
        assertEquals(Boolean.FALSE, map.get("f"));
        assertTrue(map.containsKey("nil"));
        assertNull(map.get("nil"));
        assertEquals(List.of(BigDecimal.ONE, List.of(), Map.of()), map.get("a"));
        assertEquals(List.of("s", "n", "z", "t", "f", "nil", "a"), List.copyOf(map.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "{'a':1}", "{a:1}", "01", "1.", ".5", "-", "1e", "+1",
        "NaN", "Infinity", "tru", "nul", "\"abc", "\"a\u0001b\"", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"",
        "{\"a\":1} x", "[1 2]", "{\"a\" 1}", "\"\\u١٢٣٤\""})
    void malformedJson_isRefused(String text) {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void duplicateNames_areRefused() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\":1,\"b\":2,\"a\":3}"));
        assertEquals("duplicate field name at position 13", e.getMessage());
    }

    @Test
    void deepNesting_isRefusedBeyondTheLimit() throws JsonException {
        String ok = "[".repeat(32) + "]".repeat(32);
        String tooDeep = "[".repeat(33) + "]".repeat(33);
        String hostile = "{\"a\":".repeat(100_000);

        Json.parse(ok);
        assertTrue(assertThrows(JsonException.class, () -> Json.parse(tooDeep)).getMessage().contains("nested deeper"));
        assertTrue(assertThrows(JsonException.class, () -> Json.parse(hostile)).getMessage().contains("nested deeper"));
    }

    @Test
    void hugeExponent_isOutOfRangeNotACrash() throws JsonException {
        assertEquals(new BigDecimal("1e999999999"), Json.parse("1e999999999"));
        assertThrows(JsonException.class, () -> Json.parse("1e99999999999999999999"));
    }

    @Test
    void invalidUtf8_isRefused() {
        byte[] bytes = "{\"a\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = Arrays.copyOf(bytes, bytes.length);
        broken[6] = (byte) 0xC3; // a lead byte followed by '"' is malformed

        assertEquals("the text is not valid UTF-8", assertThrows(JsonException.class, () -> Json.parse(broken)).getMessage());
        assertThrows(JsonException.class, () -> Json.parse(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}));
    }

    @Test
    void errorMessages_neverQuoteTheInput() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"clientsecret\": S3CRET}"));
        assertFalse(e.getMessage().contains("S3CRET"));
        assertEquals("unexpected character at position 17", e.getMessage());
    }

    @Test
    void byteOrderMark_isSkipped() throws JsonException {
        assertEquals(BigDecimal.ONE, Json.parse("\uFEFF1"));
    }

    @Test
    void writes_andEscapesForHtmlToo() throws JsonException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("s", "<a href=\"x\">&</a>\u2028\t\u0001\ud83d😀");
        map.put("n", 42L);
        map.put("b", true);
        map.put("nil", null);
        map.put("list", List.of("x", 1));

        String json = Json.write(map);

        assertEquals("{\"s\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\\t\\u0001\\ud83d😀\","
                + "\"n\":42,\"b\":true,\"nil\":null,\"list\":[\"x\",1]}", json);
        assertEquals("<a href=\"x\">&</a>\u2028\t\u0001\ud83d😀", ((Map<?, ?>) Json.parse(json)).get("s"));
    }

    @Test
    void quote_copiesPlainTextWhole_andEscapesFromTheFirstCharacterThatNeedsIt() throws JsonException {
        for (String text : List.of("", "plain https://a.example/cb?x=1", "\"first", "last\\", "mid\ndle",
                "caf\u00e9 \u79d8\u5bc6", "\ud83d\ude00 after a pair", "lone \udc00 low", "\u2029", "a<b&c>")) {
            for (boolean htmlSafe : new boolean[] {true, false}) {
                StringBuilder sb = new StringBuilder();
                Json.quote(sb, text, htmlSafe);
                assertEquals(text, Json.parse(sb.toString()), sb.toString());
                if (text.contains("<")) {
                    assertEquals(htmlSafe, sb.indexOf("<") < 0, sb.toString());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        Json.quote(sb, "x\u2028y", false);
        assertEquals("\"x\\u2028y\"", sb.toString(), "line separators are escaped even in a log line");
    }

    @Test
    void fragment_isWrittenAsItWritesItself() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("raw", new Json.Raw("[{\"a\":1}]"));
        map.put("after", "x");

        assertEquals("{\"raw\":[{\"a\":1}],\"after\":\"x\"}", Json.write(map));
    }
}
