package dev.hmac.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Validated inputs of one signature. Every surface (REST, web form, Slack) builds one through
 * {@link #of}, so the rules and their messages are the same everywhere.
 */
public final class SignatureRequest {
    public static final int MAX_CALLBACK_LENGTH = 2048;
    public static final int MAX_CREDENTIAL_LENGTH = 256;
    /** Ten decimal digits: Unix seconds up to the year 2286. */
    public static final long TIMESTAMP_LIMIT = 10_000_000_000L;

    private final String callback;
    private final String clientId;
    private final String clientSecret;
    private final OptionalLong timestamp;

    private SignatureRequest(String callback, String clientId, String clientSecret, OptionalLong timestamp) {
        this.callback = callback;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timestamp = timestamp;
    }

    /**
     * Trims and validates raw inputs.
     *
     * @param timestamp null or blank for "now", a decimal string, or an integral {@link Number}
     * @throws InvalidRequestException naming every field at fault
     */
    public static SignatureRequest of(String callback, String clientId, String clientSecret, Object timestamp) {
        List<FieldError> errors = new ArrayList<>(4);
        String cb = trim(callback);
        String id = trim(clientId);
        String secret = trim(clientSecret);
        checkCallback(cb).ifPresent(errors::add);
        checkCredential(Field.CLIENT_ID, id).ifPresent(errors::add);
        checkCredential(Field.CLIENT_SECRET, secret).ifPresent(errors::add);
        OptionalLong ts = OptionalLong.empty();
        try {
            ts = parseTimestamp(timestamp);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(Field.TIMESTAMP, e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new SignatureRequest(cb, id, secret, ts);
    }

    public String callback() {
        return callback;
    }

    public String clientId() {
        return clientId;
    }

    /** The secret, for the signer only: never log it, echo it or put it in a response. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The timestamp to sign with, when one was given; otherwise the signer uses its clock. */
    public OptionalLong timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        // Deliberately leaves the secret out, so a stray log statement can't leak it.
        return "SignatureRequest[callback=" + callback + ", clientId=" + clientId + ", timestamp="
                + (timestamp.isPresent() ? timestamp.getAsLong() : "now") + "]";
    }

    // ---- rules ----

    private static Optional<FieldError> checkCallback(String value) {
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

    private static Optional<FieldError> checkCredential(Field f, String value) {
        if (value == null || value.isEmpty()) {
            return error(f, f.label() + " is required.");
        }
        if (value.codePointCount(0, value.length()) > MAX_CREDENTIAL_LENGTH) {
            return error(f, f.label() + " is too long: it can have at most " + MAX_CREDENTIAL_LENGTH + " characters.");
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

    private static final String TIMESTAMP_FORMAT =
            "Timestamp must be a whole number of seconds since 1 January 1970 UTC (Unix time), like 1444762678.";
    private static final String TIMESTAMP_RANGE =
            "Timestamp must be between 1 and " + (TIMESTAMP_LIMIT - 1) + " (Unix seconds).";

    /** Parses an optional timestamp; the exception's message is the user-facing error. */
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
            // More digits than the limit has can only be out of range (or zero-padded, which we don't guess at).
            if (text.length() > 10) {
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
        if (value.compareTo(BigDecimal.ZERO) <= 0 || value.compareTo(BigDecimal.valueOf(TIMESTAMP_LIMIT)) >= 0) {
            throw new IllegalArgumentException(TIMESTAMP_RANGE);
        }
        try {
            return OptionalLong.of(value.longValueExact());
        } catch (ArithmeticException fractional) {
            throw new IllegalArgumentException(TIMESTAMP_FORMAT);
        }
    }

    private static OptionalLong inRange(long value) {
        if (value <= 0 || value >= TIMESTAMP_LIMIT) {
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
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
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
