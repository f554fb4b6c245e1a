package dev.hmac.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rules every input follows, with their messages, shared by {@link SignatureRequest} and
 * {@link VerificationRequest} so that signing and checking say the same thing about the same input.
 */
final class InputRules {
    static final int MAX_CALLBACK_LENGTH = 2048;
    static final int MAX_CREDENTIAL_LENGTH = 256;
    static final int MAX_SIGNATURE_LENGTH = 1024;
    /** Longer than any way of writing an algorithm or encoding name that {@link Algorithm#parse} reads. */
    static final int MAX_OPTION_LENGTH = 16;
    /** Ten decimal digits: Unix seconds up to the year 2286. */
    static final long TIMESTAMP_LIMIT = 10_000_000_000L;
    /** Thirteen decimal digits: the milliseconds a check accepts (2001 to 2286). */
    static final long MILLISECONDS_FIRST = 1_000_000_000_000L;
    static final long MILLISECONDS_LIMIT = 10_000_000_000_000L;

    private static final String TIMESTAMP_FORMAT =
            "Timestamp must be a whole number of seconds since 1 January 1970 UTC (Unix time), like 1444762678.";
    private static final String TIMESTAMP_RANGE =
            "Timestamp must be between 1 and " + (TIMESTAMP_LIMIT - 1) + " (Unix seconds).";
    private static final String TIMESTAMP_SECONDS =
            "Timestamp must be in seconds, not milliseconds: Unix seconds have at most 10 digits, like 1444762678.";

    private InputRules() {
    }

    static Optional<FieldError> checkCallback(String value) {
        Field f = Field.CALLBACK;
        if (value == null || value.isEmpty()) {
            return error(f, "Callback URL is required.");
        }
        if (value.codePointCount(0, value.length()) > MAX_CALLBACK_LENGTH) {
            return error(f, "Callback URL is too long: it can have at most " + MAX_CALLBACK_LENGTH + " characters.");
        }
        if (hasBrokenCharacter(value)) {
            return error(f, "Callback URL contains a broken character; please type or paste it again.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSpace(c) || Character.isISOControl(c)) {
                return error(f, "Callback URL must not contain spaces, tabs or line breaks.");
            }
        }
        if (!isWebAddress(value)) {
            return error(f, "Callback URL must be a full web address starting with http:// or https://, "
                    + "like https://example.com/callback.");
        }
        return Optional.empty();
    }

    /** A client id, a client secret or a signature: any text without control characters, up to a length. */
    static Optional<FieldError> checkText(Field f, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return error(f, f.label() + " is required.");
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            return error(f, f.label() + " is too long: it can have at most " + maxLength + " characters.");
        }
        if (hasBrokenCharacter(value)) {
            return error(f, f.label() + " contains a broken character; please type or paste it again.");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return error(f, f.label() + " must not contain control characters such as tabs or line breaks.");
            }
        }
        return Optional.empty();
    }

    private static final String ALGORITHMS =
            "Algorithm must be one of sha256 (the default), sha384, sha512, sha224, sha1 or md5.";
    private static final String ENCODINGS = "Encoding must be base64 (the default), base64url or hex.";

    /**
     * An algorithm or an encoding, by name; blank means the default.
     *
     * @param field {@link Field#ALGORITHM} or {@link Field#ENCODING}, and {@code E} its type
     */
    @SuppressWarnings("unchecked")
    static <E extends Enum<E>> E option(Field field, String raw, E defaultValue, List<FieldError> errors) {
        String name = trim(raw);
        if (name == null || name.isEmpty()) {
            return defaultValue;
        }
        boolean algorithm = field == Field.ALGORITHM;
        Optional<? extends Enum<?>> parsed = name.length() > MAX_OPTION_LENGTH ? Optional.empty()
                : algorithm ? Algorithm.parse(name) : Encoding.parse(name);
        if (parsed.isEmpty()) {
            errors.add(new FieldError(field, algorithm ? ALGORITHMS : ENCODINGS));
            return defaultValue;
        }
        return (E) parsed.get();
    }

    /**
     * Parses an optional timestamp; the exception's message is the user-facing error.
     *
     * @param millisecondsAllowed a check also takes 13 digits (milliseconds), to explain them
     */
    static OptionalLong parseTimestamp(Object raw, boolean millisecondsAllowed) {
        OptionalLong value = parseTimestamp(raw);
        if (value.isPresent() && value.getAsLong() >= TIMESTAMP_LIMIT) {
            long v = value.getAsLong();
            if (v >= MILLISECONDS_LIMIT) {
                throw new IllegalArgumentException(TIMESTAMP_RANGE);
            }
            if (!millisecondsAllowed || v < MILLISECONDS_FIRST) {
                throw new IllegalArgumentException(TIMESTAMP_SECONDS);
            }
        }
        return value;
    }

    /** Below {@link #MILLISECONDS_LIMIT}; anything larger is refused here already. */
    private static OptionalLong parseTimestamp(Object raw) {
        if (raw == null) {
            return OptionalLong.empty();
        }
        if (raw instanceof CharSequence) {
            String text = trim(raw.toString());
            if (text.isEmpty()) {
                return OptionalLong.empty();
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException(TIMESTAMP_FORMAT);
                }
            }
            // More digits than milliseconds have can only be out of range; a zero-padded number would not be
            // signed as typed, and we don't guess at it.
            if (text.length() > 13 || text.length() > 10 && Long.parseLong(text) < TIMESTAMP_LIMIT) {
                throw new IllegalArgumentException(TIMESTAMP_RANGE);
            }
            return inRange(Long.parseLong(text));
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return inRange(((Number) raw).longValue());
        }
        if (raw instanceof BigInteger) {
            return inRange(new BigDecimal((BigInteger) raw));
        }
        if (raw instanceof BigDecimal) {
            return inRange((BigDecimal) raw);
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(TIMESTAMP_FORMAT);
            }
            return inRange(BigDecimal.valueOf(d));
        }
        throw new IllegalArgumentException(TIMESTAMP_FORMAT);
    }

    private static OptionalLong inRange(BigDecimal value) {
        // Range first: compareTo is cheap even for 1e999999999, while exact conversions of such values are not.
        if (value.compareTo(BigDecimal.ZERO) <= 0 || value.compareTo(BigDecimal.valueOf(MILLISECONDS_LIMIT)) >= 0) {
            throw new IllegalArgumentException(TIMESTAMP_RANGE);
        }
        try {
            return OptionalLong.of(value.longValueExact());
        } catch (ArithmeticException fractional) {
            throw new IllegalArgumentException(TIMESTAMP_FORMAT);
        }
    }

    private static OptionalLong inRange(long value) {
        if (value <= 0 || value >= MILLISECONDS_LIMIT) {
            throw new IllegalArgumentException(TIMESTAMP_RANGE);
        }
        return OptionalLong.of(value);
    }

    // ---- helpers ----

    private static Optional<FieldError> error(Field field, String message) {
        return Optional.of(new FieldError(field, message));
    }

    /** Strips surrounding whitespace (including no-break spaces that pasting from web pages brings along). */
    static String trim(String s) {
        if (s == null) {
            return null;
        }
        int start = leadingSpace(s);
        int end = s.length();
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** How many characters {@link #trim} takes from the start. */
    static int leadingSpace(String s) {
        int start = 0;
        while (start < s.length() && isSpace(s.charAt(start))) {
            start++;
        }
        return start;
    }

    /** How many characters {@link #trim} takes from the end. */
    static int trailingSpace(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.length() - end;
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** An unpaired surrogate can't be encoded as UTF-8, so it would be signed as '?'; refuse it instead. */
    private static boolean hasBrokenCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An absolute http(s) URL with a host. Deliberately lenient after the host: the callback is signed as typed,
     * and registered callbacks do contain characters a strict URI parser refuses (such as | or [ in a query).
     */
    private static boolean isWebAddress(String value) {
        int colon = value.indexOf("://");
        if (colon < 0) {
            return false;
        }
        String scheme = value.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        int start = colon + 3;
        int end = start;
        while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        String authority = value.substring(start, end);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        String port = "";
        String host = hostAndPort;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                return false;
            }
            host = hostAndPort.substring(1, close);
            String rest = hostAndPort.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return false;
            }
            port = rest.isEmpty() ? "" : rest.substring(1);
        } else if (hostAndPort.lastIndexOf(':') >= 0) {
            host = hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
            port = hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1);
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return !host.isEmpty();
    }
}
