package dev.hmac.core.verify;

import dev.hmac.core.Field;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.VerificationRequest;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The changes of the cheap causes, built the way a signer's code would have made them: whitespace kept on a field,
 * another callback, another order of the parts, the secret decoded for the key. Each is a few HMACs to try.
 */
final class Variants {
    private static final Field[] PARTS = {Field.CLIENT_SECRET, Field.CALLBACK, Field.CLIENT_ID, Field.TIMESTAMP};
    /** What code keeps at the end of a value: the line break of a file or echo first. */
    private static final String[] TRAILING = {"\n", "\r\n", " ", "\t"};
    private static final String[] LEADING = {" ", "\t", "\n", "\r\n"};

    private final VerificationRequest request;
    private final SignatureRequest inputs;
    private final List<Variant> variants = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    private Variants(VerificationRequest request) {
        this.request = request;
        this.inputs = request.signing();
        seen.add(Variant.rule(inputs.clientSecret(), inputs.callback(), inputs.clientId()).identity());
    }

    /** Every change, in the order of {@link Cause}, each different from the rule and from the others. */
    static List<Variant> of(VerificationRequest request) {
        Variants v = new Variants(request);
        v.whitespace();
        v.callbacks();
        v.orders();
        v.keyEncodings();
        return List.copyOf(v.variants);
    }

    // ---- whitespace ----

    private void whitespace() {
        for (Field field : PARTS) {
            String start = request.trimmedFromStart(field);
            String end = request.trimmedFromEnd(field);
            if (!start.isEmpty() || !end.isEmpty()) {
                spaced(field, start, end);
            }
        }
        for (String space : TRAILING) {
            for (Field field : PARTS) {
                spaced(field, "", space);
            }
        }
        for (String space : LEADING) {
            for (Field field : PARTS) {
                spaced(field, space, "");
            }
        }
    }

    private void spaced(Field field, String start, String end) {
        String secret = inputs.clientSecret();
        String callback = inputs.callback();
        String clientId = inputs.clientId();
        String before = "";
        String after = "";
        switch (field) {
            case CLIENT_SECRET -> secret = start + secret + end;
            case CALLBACK -> callback = start + callback + end;
            case CLIENT_ID -> clientId = start + clientId + end;
            default -> {
                before = start;
                after = end;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field.key());
        StringBuilder where = new StringBuilder();
        if (!start.isEmpty()) {
            details.put("position", end.isEmpty() ? "start" : "both");
            where.append("starts with ").append(describeSpace(start));
        } else {
            details.put("position", "end");
        }
        if (!end.isEmpty()) {
            where.append(where.length() > 0 ? " and ends with " : "ends with ").append(describeSpace(end));
        }
        details.put("whitespace", start + end);
        String message = "The signature is right when the " + lower(field) + " " + where
                + (field == Field.CLIENT_SECRET ? ", both as the key and in the string to sign. " : ". ")
                + spaceAdvice(field, end);
        add(new Variant(Cause.WHITESPACE, Variant.utf8(secret), secret + callback + clientId + before, after,
                new Explanation(Cause.WHITESPACE, message, details)));
    }

    private static String spaceAdvice(Field field, String end) {
        if (field == Field.CLIENT_SECRET && end.contains("\n")) {
            return "A secret read from a file or from echo often ends with a line break: trim it before signing.";
        }
        if (field == Field.TIMESTAMP) {
            return "Sign the timestamp as digits only, exactly as you send it to Apigee.";
        }
        return "Trim the " + lower(field) + " before signing: it must be exactly the one Apigee has.";
    }

    /** Whitespace in words: the characters themselves are invisible. */
    static String describeSpace(String space) {
        return switch (space) {
            case "\n" -> "a line break (\\n)";
            case "\r\n" -> "a Windows line break (\\r\\n)";
            case " " -> "a space";
            case "\t" -> "a tab";
            default -> {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < space.length(); i++) {
                    char c = space.charAt(i);
                    names.add(switch (c) {
                        case ' ' -> "a space";
                        case '\t' -> "a tab (\\t)";
                        case '\n' -> "a line break (\\n)";
                        case '\r' -> "a carriage return (\\r)";
                        default -> String.format(Locale.ROOT, "the invisible character U+%04X", (int) c);
                    });
                }
                yield String.join(", ", names);
            }
        };
    }

    // ---- callback ----

    private void callbacks() {
        String callback = inputs.callback();
        String slashed = toggledSlash(callback);
        String otherScheme = otherScheme(callback);
        boolean wasSlashed = slashed.length() < callback.length();
        String slashChange = wasSlashed ? "slash-removed" : "slash-added";
        String slashWords = wasSlashed ? "the trailing slash removed" : "a trailing slash added";
        String schemeWords = otherScheme.startsWith("https") ? "https instead of http" : "http instead of https";
        callback(slashed, slashChange, slashWords);
        callback(otherScheme, "scheme", schemeWords);
        callback(toggledSlash(otherScheme), "scheme+" + slashChange, schemeWords + ", and " + slashWords);
        // As a URL or form encoder writes it: JavaScript's encodeURIComponent and Python's quote(safe=''),
        // Java's URLEncoder, and Python's quote() which keeps '/'.
        callback(percentEncoded(callback, ""), "percent-encoded", "percent-encoded");
        callback(URLEncoder.encode(callback, StandardCharsets.UTF_8), "percent-encoded", "percent-encoded");
        callback(percentEncoded(callback, "/"), "percent-encoded", "percent-encoded, except its slashes");
        String decoded = percentDecoded(callback);
        if (decoded != null) {
            callback(decoded, "percent-decoded", "percent-decoded");
        }
    }

    private void callback(String callback, String change, String words) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", Field.CALLBACK.key());
        details.put("callback", callback);
        details.put("change", change);
        String message = "The signature is right with the callback URL " + callback + " (" + words + "). Sign the "
                + "callback URL exactly as it is registered with Apigee and sent in the request.";
        add(new Variant(Cause.CALLBACK, Variant.utf8(inputs.clientSecret()),
                inputs.clientSecret() + callback + inputs.clientId(), "",
                new Explanation(Cause.CALLBACK, message, details)));
    }

    /** With a slash at the end of the path added, or removed if there is one. */
    static String toggledSlash(String url) {
        int authorityStart = url.indexOf("://") + 3;
        int pathStart = authorityStart;
        while (pathStart < url.length() && "/?#".indexOf(url.charAt(pathStart)) < 0) {
            pathStart++;
        }
        int pathEnd = pathStart;
        while (pathEnd < url.length() && "?#".indexOf(url.charAt(pathEnd)) < 0) {
            pathEnd++;
        }
        if (pathEnd > pathStart && url.charAt(pathEnd - 1) == '/') {
            return url.substring(0, pathEnd - 1) + url.substring(pathEnd);
        }
        return url.substring(0, pathEnd) + "/" + url.substring(pathEnd);
    }

    private static String otherScheme(String url) {
        boolean https = url.regionMatches(true, 0, "https://", 0, 8);
        return (https ? "http" : "https") + url.substring(url.indexOf("://"));
    }

    /** Every UTF-8 byte %XX-escaped (upper case) except RFC 3986's unreserved characters and {@code keep}. */
    static String percentEncoded(String text, String keep) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        for (byte b : Variant.utf8(text)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0
                    || keep.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Each %XX escape decoded, as UTF-8; null when there is none or the bytes are not UTF-8. */
    static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(Variant.utf8(text).length);
        boolean decodedAny = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1))
                    && HexFormat.isHexDigit(text.charAt(i + 2))) {
                bytes.put((byte) HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
                decodedAny = true;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!decodedAny) {
            return null;
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    // ---- order ----

    private void orders() {
        String[] values = {inputs.clientSecret(), inputs.callback(), inputs.clientId(), null};
        for (int[] order : permutations()) {
            StringBuilder prefix = new StringBuilder();
            StringBuilder suffix = new StringBuilder();
            StringBuilder keys = new StringBuilder();
            StringBuilder labels = new StringBuilder();
            boolean afterTimestamp = false;
            for (int part : order) {
                keys.append(keys.length() > 0 ? " + " : "").append(PARTS[part].key());
                labels.append(labels.length() > 0 ? " + " : "").append(lower(PARTS[part]));
                if (values[part] == null) {
                    afterTimestamp = true;
                } else {
                    (afterTimestamp ? suffix : prefix).append(values[part]);
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("order", keys.toString());
            String message = "The signature is right with the four parts joined in another order: " + labels
                    + ". The string to sign is client secret + callback URL + client ID + timestamp, in that order.";
            add(new Variant(Cause.ORDER, Variant.utf8(inputs.clientSecret()), prefix.toString(), suffix.toString(),
                    new Explanation(Cause.ORDER, message, details)));
        }
    }

    /** The 23 orders of four parts other than 0, 1, 2, 3, in lexicographic order. */
    private static List<int[]> permutations() {
        List<int[]> out = new ArrayList<>(23);
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                for (int c = 0; c < 4; c++) {
                    int d = 6 - a - b - c;
                    if (a != b && a != c && b != c && d != a && d != b && d != c && !(a == 0 && b == 1 && c == 2)) {
                        out.add(new int[] {a, b, c, d});
                    }
                }
            }
        }
        return out;
    }

    // ---- key encoding ----

    private void keyEncodings() {
        String secret = inputs.clientSecret();
        if (secret.length() % 2 == 0 && isHex(secret)) {
            keyEncoding(HexFormat.of().parseHex(secret), "hex", "base16");
        }
        byte[] base64 = decodedBase64(secret);
        if (base64 != null) {
            keyEncoding(base64, secret.indexOf('-') >= 0 || secret.indexOf('_') >= 0 ? "base64url" : "base64",
                    secret.indexOf('-') >= 0 || secret.indexOf('_') >= 0 ? "base64url" : "base64");
        }
    }

    private void keyEncoding(byte[] key, String encoding, String apigeeName) {
        if (key.length == 0) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", Field.CLIENT_SECRET.key());
        details.put("key_encoding", encoding);
        String message = "The signature is right when the client secret is decoded from " + encoding
                + " for the key, instead of using its text (UTF-8) as the key. Apigee does that only when its policy "
                + "says <SecretKey encoding=\"" + apigeeName + "\">; this rule uses the secret's text as the key.";
        add(new Variant(Cause.KEY_ENCODING, key, inputs.clientSecret() + inputs.callback() + inputs.clientId(),
                "", new Explanation(Cause.KEY_ENCODING, message, details)));
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!HexFormat.isHexDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of base64 or base64url text (padded or not), or null when it is neither. */
    private static byte[] decodedBase64(String text) {
        boolean standard = text.indexOf('+') >= 0 || text.indexOf('/') >= 0;
        boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        if (standard && url) {
            return null;
        }
        try {
            return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    // ---- helpers ----

    private void add(Variant variant) {
        if (seen.add(variant.identity())) {
            variants.add(variant);
        }
    }

    /** The label in a sentence: "the client secret". */
    static String lower(Field field) {
        return field == Field.CLIENT_ID ? "client ID"
                : field == Field.CALLBACK ? "callback URL" : field.label().toLowerCase(Locale.ROOT);
    }
}
