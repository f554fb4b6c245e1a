package dev.hmac.core;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** How a signature's bytes are written. {@link #BASE64} is the original rule and the default. */
public enum Encoding {
    /** The standard alphabet, padded with {@code =}. */
    BASE64,
    /** The URL-safe alphabet, padded with {@code =} as Apigee's HMAC policy writes it. */
    BASE64URL,
    /** Lower case; Apigee calls it base16. */
    HEX;

    public static final Encoding DEFAULT = BASE64;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The canonical name, as answers carry it: {@code base64}. */
    public String key() {
        return key;
    }

    /** What the encoding looks like, in words. */
    public String description() {
        return switch (this) {
            case BASE64 -> "base64 (standard alphabet, padded with =)";
            case BASE64URL -> "base64url (- and _ instead of + and /, padded with =)";
            case HEX -> "lower-case hex";
        };
    }

    public String encode(byte[] bytes) {
        return switch (this) {
            case BASE64 -> Base64.getEncoder().encodeToString(bytes);
            case BASE64URL -> Base64.getUrlEncoder().encodeToString(bytes);
            case HEX -> HexFormat.of().formatHex(bytes);
        };
    }

    /** Case-insensitive; {@code base64-url} and Apigee's {@code base16} are accepted too. */
    public static Optional<Encoding> parse(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (folded.equals("base16")) {
            return Optional.of(HEX);
        }
        for (Encoding encoding : values()) {
            if (encoding.key().equals(folded)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }
}
