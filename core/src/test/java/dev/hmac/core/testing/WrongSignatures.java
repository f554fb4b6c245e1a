package dev.hmac.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks of the vector's inputs whose signature was made wrong the way a user's code makes it wrong, one for each
 * cause a verdict names, as the body of a {@code POST /verify}. The signatures are computed here with the JDK's
 * Mac, apart from the code under test. Every case gives its timestamp, so that no clock decides the answer.
 * Shared with the surfaces' tests through the test-jar.
 */
public final class WrongSignatures {
    public static final String CALLBACK = "https://apoorva.com";
    public static final String CLIENT_ID = "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ";
    public static final String SECRET = "S6meLXlUY00YVML3";
    public static final String TIMESTAMP = "1444762678";
    public static final String SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    /**
     * @param causes the codes the verdict must give, in order
     * @param request the body of the check, with the vector's callback, client id, secret and timestamp
     */
    public record Case(String name, List<String> causes, Map<String, Object> request) {
        /** The check as a form or modal would carry it: every value as text. */
        public Map<String, String> texts() {
            Map<String, String> texts = new LinkedHashMap<>();
            request.forEach((name, value) -> texts.put(name, String.valueOf(value)));
            return texts;
        }

        public String signature() {
            return (String) request.get("signature");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private WrongSignatures() {
    }

    /** The vector checked with its own signature. */
    public static Case match() {
        return new Case("the right signature", List.of(), request(SIGNATURE));
    }

    /** One case per cause, in the order of the causes' specificity. */
    public static List<Case> oneForEachCause() {
        byte[] vector = Base64.getDecoder().decode(SIGNATURE);
        long t = Long.parseLong(TIMESTAMP);
        return List.of(
                new Case("a + read as a space on its way through a form", List.of("url-decoded"),
                        request(SIGNATURE.replace('+', ' '))),
                new Case("the MAC written in hex", List.of("encoding"), request(HexFormat.of().formatHex(vector))),
                new Case("signed 5 minutes later than the timestamp sent", List.of("timestamp"),
                        request(signed("HmacSHA256", SECRET, SECRET + CALLBACK + CLIENT_ID + (t + 300)))),
                new Case("signed with the time in milliseconds", List.of("milliseconds"),
                        request(signed("HmacSHA256", SECRET, SECRET + CALLBACK + CLIENT_ID + t + "042"))),
                new Case("a secret read from a file, its line break kept", List.of("whitespace"),
                        request(signed("HmacSHA256", SECRET + "\n", SECRET + "\n" + CALLBACK + CLIENT_ID + t))),
                new Case("a callback with a trailing slash", List.of("callback"),
                        request(signed("HmacSHA256", SECRET, SECRET + CALLBACK + "/" + CLIENT_ID + t))),
                new Case("the parts in another order", List.of("order"),
                        request(signed("HmacSHA256", SECRET, CLIENT_ID + SECRET + CALLBACK + t))),
                new Case("HMAC-SHA1 instead of HMAC-SHA256", List.of("algorithm"),
                        request(signed("HmacSHA1", SECRET, SECRET + CALLBACK + CLIENT_ID + t))),
                new Case("the secret's base64 decoded for the key", List.of("key-encoding"),
                        request(signed("HmacSHA256", Base64.getDecoder().decode(SECRET),
                                SECRET + CALLBACK + CLIENT_ID + t))),
                new Case("made with another secret", List.of("unexplained"),
                        request(signed("HmacSHA256", "another-secret", "another-secret" + CALLBACK + CLIENT_ID + t))));
    }

    private static Map<String, Object> request(String signature) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("callback", CALLBACK);
        request.put("clientid", CLIENT_ID);
        request.put("clientsecret", SECRET);
        request.put("timestamp", TIMESTAMP);
        request.put("signature", signature);
        return request;
    }

    private static String signed(String algorithm, String key, String message) {
        return signed(algorithm, key.getBytes(StandardCharsets.UTF_8), message);
    }

    private static String signed(String algorithm, byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
