package dev.hmac.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding: malformed escapes, invalid UTF-8, a field given
 * twice or a field the form does not have are refused, where {@link java.net.URLDecoder} would guess.
 */
final class FormData {
    private FormData() {
    }

    /** Malformed form data; the message is for the user and never quotes the input. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static Map<String, String> parse(byte[] body, Set<String> allowed) throws Malformed {
        Map<String, String> fields = new LinkedHashMap<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int eq = indexOf(body, (byte) '=', start);
                int nameEnd = eq >= 0 && eq < end ? eq : end;
                String name = decode(body, start, nameEnd);
                String value = nameEnd < end ? decode(body, nameEnd + 1, end) : "";
                if (!allowed.contains(name)) {
                    throw new Malformed("The form sent a field this page does not have.");
                }
                if (fields.putIfAbsent(name, value) != null) {
                    throw new Malformed("The form sent the same field twice.");
                }
            }
            start = end + 1;
        }
        return fields;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length;
    }

    private static String decode(byte[] body, int from, int to) throws Malformed {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new Malformed("The form data is malformed (a broken % escape).");
                }
                int hi = Character.digit(body[i + 1], 16);
                int lo = Character.digit(body[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new Malformed("The form data is malformed (a broken % escape).");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("The form data is not valid UTF-8 text.");
        }
    }
}
