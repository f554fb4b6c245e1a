package dev.hmac.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client secret that nothing produces by chance, with non-ASCII in it, and the search for it in every form it
 * could take in a log line or a body: as typed, JSON-escaped, URL-encoded or HTML-escaped (all of which keep its
 * ASCII marker), cut short after the marker, and inside base64 at any alignment. Shared with the end-to-end tests
 * through the test-jar.
 */
public final class Canary {
    /** Valid as a client secret everywhere: under 256 characters, no control characters. */
    public static final String SECRET = "cAnArY-7f3c1e-\u017f\u00ebcr\u00e9t-\u79d8\u5bc6-\uD83D\uDD11";
    private static final String MARKER = "canary-7f3c";
    private static final List<String> BASE64 = base64Forms(SECRET);

    private Canary() {
    }

    /** The signature the canary secret makes for these inputs (HMAC-SHA256, base64), by the JDK's Mac. */
    public static String signature(String callback, String clientId, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((SECRET + callback + clientId + timestamp)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where in {@code text} the secret appears, and in which form; empty when it doesn't. */
    public static Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.toLowerCase(Locale.ROOT).contains(MARKER)) {
            return Optional.of("the secret (or its marker) in: " + text);
        }
        for (String form : BASE64) {
            if (text.contains(form)) {
                return Optional.of("the secret in base64 (" + form + ") in: " + text);
            }
        }
        return Optional.empty();
    }

    public static void assertAbsent(String where, String text) {
        find(text).ifPresent(found -> fail("The canary secret leaked into " + where + ": " + found));
    }

    public static void assertAbsent(String where, Collection<String> lines) {
        for (String line : lines) {
            assertAbsent(where, line);
        }
    }

    /**
     * Base64 of the secret's UTF-8 bytes at each of the three alignments it can have inside a longer text: only
     * the characters that depend on the secret's bytes alone.
     */
    private static List<String> base64Forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] padded = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, padded, offset, bytes.length);
            String encoded = Base64.getEncoder().encodeToString(padded);
            int firstGroup = (offset + 2) / 3;
            int lastGroup = (offset + bytes.length) / 3;
            forms.add(encoded.substring(firstGroup * 4, lastGroup * 4));
        }
        return forms;
    }
}
