package dev.hmac.server.sso;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * ES256 (ECDSA on P-256 with SHA-256, RFC 7518 §3.4) with the JDK alone: a public key read from PEM, and a
 * signature checked. Only P-256 keys are ever accepted, whatever a token says, so no algorithm confusion is possible.
 */
final class Es256 {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    private static final int SIGNATURE_BYTES = 64;
    static final ECParameterSpec P256 = p256();

    private Es256() {
    }

    /** An X.509 SubjectPublicKeyInfo in PEM, as ALB publishes it, when it holds a valid P-256 point. */
    static Optional<ECPublicKey> publicKeyFromPem(String pem) {
        String text = pem.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END) || text.length() < BEGIN.length() + END.length()) {
            return Optional.empty();
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("[\\r\\n\\t ]", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
            if (key instanceof ECPublicKey && isP256Point((ECPublicKey) key)) {
                return Optional.of((ECPublicKey) key);
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // not base64, not an EC key: no key
        }
        return Optional.empty();
    }

    /**
     * Whether {@code signature} (R || S, 32 bytes each, as JWS carries it) signs {@code signingInput}. R and S must
     * lie in [1, n-1] here, not only in the JDK: JDK 15 to 18 before their April 2022 updates accepted R = S = 0
     * for any message (CVE-2022-21449).
     */
    static boolean verify(ECPublicKey key, String signingInput, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES || !inRange(Arrays.copyOfRange(signature, 0, 32))
                || !inRange(Arrays.copyOfRange(signature, 32, 64))) {
            return false;
        }
        try {
            Signature check = Signature.getInstance("SHA256withECDSAinP1363Format");
            check.initVerify(key);
            check.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return check.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean inRange(byte[] unsigned) {
        BigInteger value = new BigInteger(1, unsigned);
        return value.signum() > 0 && value.compareTo(P256.getOrder()) < 0;
    }

    /** P-256's domain parameters, and a point on its curve (y² = x³ + ax + b mod p). */
    private static boolean isP256Point(ECPublicKey key) {
        ECParameterSpec params = key.getParams();
        if (!params.getCurve().equals(P256.getCurve()) || !params.getGenerator().equals(P256.getGenerator())
                || !params.getOrder().equals(P256.getOrder()) || params.getCofactor() != P256.getCofactor()) {
            return false;
        }
        ECPoint w = key.getW();
        if (w.equals(ECPoint.POINT_INFINITY)) {
            return false;
        }
        BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
        BigInteger x = w.getAffineX();
        BigInteger y = w.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger right = x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
        return y.pow(2).mod(p).equals(right);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no P-256", e);
        }
    }
}
