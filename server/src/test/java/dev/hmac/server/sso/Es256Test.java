package dev.hmac.server.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The PEM ALB publishes, read strictly; keys that are not P-256 points refused. */
class Es256Test {
    private static final KeyPair KEY = AlbTokens.p256();

    private static String pem(byte[] der, String lineBreak) {
        return "-----BEGIN PUBLIC KEY-----" + lineBreak
                + Base64.getMimeEncoder(64, lineBreak.getBytes()).encodeToString(der) + lineBreak
                + "-----END PUBLIC KEY-----";
    }

    @Test
    void pemWithAnyLineBreaks_isRead() {
        byte[] der = KEY.getPublic().getEncoded();

        for (String text : new String[] {pem(der, "\n"), pem(der, "\r\n") + "\r\n", "\n" + pem(der, "\n") + "\n\n",
                "-----BEGIN PUBLIC KEY-----" + Base64.getEncoder().encodeToString(der) + "-----END PUBLIC KEY-----"}) {
            assertEquals(Optional.of(KEY.getPublic()), Es256.publicKeyFromPem(text).map(ECPublicKey.class::cast), text);
        }
    }

    @Test
    void notAPublicKeyPem_isNoKey() {
        byte[] der = KEY.getPublic().getEncoded();
        String body = Base64.getEncoder().encodeToString(der);

        for (String text : new String[] {"", body, pem(der, "\n").replace("PUBLIC KEY", "CERTIFICATE"),
                pem(der, "\n").replace("-----END PUBLIC KEY-----", ""), pem(der, "\n").replace("M", "*"),
                "-----BEGIN PUBLIC KEY----------END PUBLIC KEY-----",
                "-----BEGIN PUBLIC KEY-----" + Base64.getEncoder().encodeToString(new byte[] {0x30, 0x00})
                        + "-----END PUBLIC KEY-----"}) {
            assertEquals(Optional.empty(), Es256.publicKeyFromPem(text), text);
        }
    }

    @Test
    void pointOffTheCurve_isNoKey() {
        byte[] der = KEY.getPublic().getEncoded();
        der[der.length - 1] ^= 1;

        assertEquals(Optional.empty(), Es256.publicKeyFromPem(pem(der, "\n")));
    }

    @Test
    void signatureOverOtherBytes_isRefused() {
        byte[] signature = AlbTokens.es256(KEY.getPrivate(), "a.b");

        assertTrue(Es256.verify((ECPublicKey) KEY.getPublic(), "a.b", signature));
        assertFalse(Es256.verify((ECPublicKey) KEY.getPublic(), "a.c", signature));
    }
}
