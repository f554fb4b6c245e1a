package dev.hmac.server.sso;

import dev.hmac.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tokens as an Application Load Balancer signs them, with keys made here. */
public final class AlbTokens {
    public static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/hmac-form/50dc6c495c0c9188";
    public static final String KID = "5d2c1a0e-8f3b-4c7d-9e6a-1b2c3d4e5f60";

    private AlbTokens() {
    }

    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header ALB writes: alg, kid, signer, iss, client, exp. */
    public static Map<String, Object> header(String kid, long exp) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "JWT");
        header.put("kid", kid);
        header.put("alg", "ES256");
        header.put("iss", "https://idp.example.com");
        header.put("client", "hmac-form");
        header.put("signer", ARN);
        header.put("exp", exp);
        return header;
    }

    /** The user info ALB passes on. */
    public static Map<String, Object> claims(String email, String sub) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (sub != null) {
            claims.put("sub", sub);
        }
        if (email != null) {
            claims.put("email", email);
        }
        claims.put("email_verified", "true");
        return claims;
    }

    static String part(byte[] bytes, boolean padded) {
        return (padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding()).encodeToString(bytes);
    }

    static String part(String text, boolean padded) {
        return part(text.getBytes(StandardCharsets.UTF_8), padded);
    }

    /** ES256 over the two first parts as written, padding included, as ALB signs them. */
    public static String sign(PrivateKey key, Map<String, Object> header, Map<String, Object> claims, boolean padded) {
        return sign(key, part(Json.write(header), padded) + "." + part(Json.write(claims), padded), padded);
    }

    static String sign(PrivateKey key, String signingInput, boolean padded) {
        return signingInput + "." + part(es256(key, signingInput), padded);
    }

    static byte[] es256(PrivateKey key, String signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
