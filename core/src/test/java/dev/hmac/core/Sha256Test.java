package dev.hmac.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void digest_ofAbc_isFips180sExample() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void hmacOfParts_isTheHmacOfTheirConcatenation() {
        byte[] key = "key".getBytes(StandardCharsets.US_ASCII);

        assertArrayEquals(Sha256.hmac(key, "v0:1:body".getBytes(StandardCharsets.US_ASCII)),
                Sha256.hmac(key, "v0:1:".getBytes(StandardCharsets.US_ASCII), "body".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                HexFormat.of().formatHex(Sha256.hmac(key,
                        "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII))));
    }
}
