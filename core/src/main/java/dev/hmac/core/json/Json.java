package dev.hmac.core.json;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON codec (RFC 8259) for request bodies and Lambda events.
 *
 * <p>Why not a library: the REST Lambda's cold start is dominated by class loading, and this is all it needs.
 * Strict where leniency would hide mistakes or invite abuse: duplicate names, nesting deeper than a limit,
 * invalid UTF-8, raw control characters and trailing data are all errors.
 *
 * <p>Values map to {@code Map<String, Object>} (insertion order), {@code List<Object>}, {@link String},
 * {@link BigDecimal}, {@link Boolean} and {@code null}.
 */
public final class Json {
    public static final int DEFAULT_MAX_DEPTH = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String text;
    private final int maxDepth;
    private int pos;

    private Json(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    public static Object parse(String text) throws JsonException {
        return parse(text, DEFAULT_MAX_DEPTH);
    }

    public static Object parse(String text, int maxDepth) throws JsonException {
        Json parser = new Json(text, maxDepth);
        if (text.startsWith("\uFEFF")) {
            parser.pos = 1;
        }
        parser.skipWhitespace();
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.fault("unexpected data after the end of the JSON value");
        }
        return value;
    }

    /** Parses UTF-8 bytes, refusing malformed sequences instead of replacing them. */
    public static Object parse(byte[] utf8) throws JsonException {
        return parse(decodeUtf8(utf8));
    }

    public static String decodeUtf8(byte[] bytes) throws JsonException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("the text is not valid UTF-8");
        }
    }

    // ---- reading ----

    private Object readValue(int depth) throws JsonException {
        if (pos >= text.length()) {
            throw fault("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString();
            case 't':
                return readLiteral("true", Boolean.TRUE);
            case 'f':
                return readLiteral("false", Boolean.FALSE);
            case 'n':
                return readLiteral("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw fault("unexpected character");
        }
    }

    private Map<String, Object> readObject(int depth) throws JsonException {
        checkDepth(depth);
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw fault("expected a field name in double quotes");
            }
            int namePos = pos;
            String name = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = readValue(depth);
            if (map.containsKey(name)) {
                throw new JsonException("duplicate field name at position " + namePos);
            }
            map.put(name, value);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw fault("expected ',' or '}'");
            }
        }
    }

    private List<Object> readArray(int depth) throws JsonException {
        checkDepth(depth);
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(readValue(depth));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw fault("expected ',' or ']'");
            }
        }
    }

    private String readString() throws JsonException {
        pos++; // opening quote
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw fault("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String tail = text.substring(start, pos);
                pos++;
                return sb == null ? tail : sb.append(tail).toString();
            }
            if (c < 0x20) {
                throw fault("control character in a string (use an escape such as \\n)");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, start, pos);
                pos++;
                sb.append(readEscape());
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private char readEscape() throws JsonException {
        if (pos >= text.length()) {
            throw fault("unterminated string");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw fault("incomplete \\u escape");
                }
                int value = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos + i), 16);
                    if (digit < 0 || text.charAt(pos + i) > 'f') {
                        throw fault("invalid \\u escape");
                    }
                    value = value * 16 + digit;
                }
                pos += 4;
                return (char) value;
            default:
                pos--;
                throw fault("invalid escape");
        }
    }

    private BigDecimal readNumber() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw fault("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw fault("invalid number");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw fault("invalid number");
            }
            skipDigits();
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            // Grammatically fine but the exponent overflows an int.
            throw new JsonException("number out of range at position " + start);
        }
    }

    private Object readLiteral(String literal, Object value) throws JsonException {
        if (!text.startsWith(literal, pos)) {
            throw fault("unexpected character");
        }
        pos += literal.length();
        return value;
    }

    private void checkDepth(int depth) throws JsonException {
        if (depth > maxDepth) {
            throw fault("nested deeper than " + maxDepth + " levels");
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The current character, or NUL at the end (NUL is never valid JSON outside strings). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) {
            throw fault("expected '" + c + "'");
        }
        pos++;
    }

    private JsonException fault(String what) {
        if (pos >= text.length()) {
            return new JsonException(what.equals("unexpected end of input") ? what : what + " at the end of input");
        }
        return new JsonException(what + " at position " + pos);
    }

    // ---- writing ----

    /** A value that writes its own JSON: {@link #write} hands it the text being written. */
    public interface Fragment {
        void writeJson(StringBuilder sb);
    }

    /**
     * JSON text of ours that {@link #write} copies as it is: a part of many lines that never changes, serialized
     * once. Never made from input.
     */
    public record Raw(String json) implements Fragment {
        @Override
        public void writeJson(StringBuilder sb) {
            sb.append(json);
        }
    }

    /** Serializes maps, lists, strings, numbers, booleans, null and {@link Fragment}s. */
    public static String write(Object value) {
        // Room for a signing's answer (about 200 characters) without growing.
        StringBuilder sb = new StringBuilder(256);
        write(sb, value);
        return sb.toString();
    }

    /** The same, onto the end of {@code sb}. */
    public static void write(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Fragment) {
            ((Fragment) value).writeJson(sb);
        } else if (value instanceof CharSequence) {
            quote(sb, value.toString());
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            sb.append(value);
        } else if (value instanceof BigDecimal) {
            sb.append(((BigDecimal) value).toString());
        } else if (value instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof Iterable) {
            sb.append('[');
            boolean first = true;
            for (Object item : (Iterable<?>) value) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, item);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    /**
     * Appends a JSON string literal. Besides what JSON requires, escapes {@code < > &} and the line separators
     * U+2028/U+2029 so the output is also safe inside HTML and JavaScript.
     */
    public static void quote(StringBuilder sb, String s) {
        quote(sb, s, true);
    }

    /** @param htmlSafe whether to escape {@code < > &} too; a log line has no need to */
    public static void quote(StringBuilder sb, String s, boolean htmlSafe) {
        sb.append('"');
        // Most text needs no escape: copied in one piece up to the first character that does (a log line per request).
        int plain = 0;
        while (plain < s.length() && isPlain(s.charAt(plain), htmlSafe)) {
            plain++;
        }
        sb.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || htmlSafe && (c == '<' || c == '>' || c == '&') || c == '\u2028' || c == '\u2029'
                            || Character.isSurrogate(c) && !isPairedSurrogate(s, i)) {
                        sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** Per ASCII character, the outputs {@link #quote} writes it as it is in: bit 1 a log line's, bit 2 HTML-safe. */
    private static final byte[] PLAIN_ASCII = new byte[128];

    static {
        for (char c = 0x20; c < 128; c++) {
            if (c != '"' && c != '\\') {
                PLAIN_ASCII[c] = (byte) (c == '<' || c == '>' || c == '&' ? 1 : 3);
            }
        }
    }

    /** A character {@link #quote} writes as it is, whatever is around it; a table for ASCII, as most text is. */
    private static boolean isPlain(char c, boolean htmlSafe) {
        if (c < 128) {
            return (PLAIN_ASCII[c] & (htmlSafe ? 2 : 1)) != 0;
        }
        return c < 0xD800 && c != '\u2028' && c != '\u2029';
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
