package dev.hmac.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signing rule written again from the README, with the JDK's Mac, apart from the code under test. */
final class IndependentSignature {
    private IndependentSignature() {
    }

    /**
     * @param algorithm a canonical name as answers carry it: sha256, md5, ...
     * @param encoding base64, base64url or hex
     */
    static String of(String algorithm, String encoding, String secret, String callback, String clientId,
                     String timestamp) throws GeneralSecurityException {
        String name = "Hmac" + algorithm.toUpperCase(Locale.ROOT);
        Mac mac = Mac.getInstance(name);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), name));
        byte[] bytes = mac.doFinal((secret + callback + clientId + timestamp).getBytes(StandardCharsets.UTF_8));
        return switch (encoding) {
            case "base64" -> Base64.getEncoder().encodeToString(bytes);
            case "base64url" -> Base64.getUrlEncoder().encodeToString(bytes);
            case "hex" -> HexFormat.of().formatHex(bytes);
            default -> throw new IllegalArgumentException("not an encoding of the contract: " + encoding);
        };
    }

    /** The canonical name of an option as the README describes the names taken: case, dashes, Hmac aside. */
    static String canonical(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        folded = folded.startsWith("hmac") ? folded.substring(4) : folded;
        return folded.equals("base16") ? "hex" : folded;
    }
}
