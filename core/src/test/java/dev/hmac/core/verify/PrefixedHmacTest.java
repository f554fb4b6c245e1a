package dev.hmac.core.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.PythonHmac;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The search's HMAC must be the HMAC: against the JDK's Mac, RFC 4231 and Python. */
class PrefixedHmacTest {

    private static byte[] mac(PrefixedHmac hmac, Algorithm algorithm, byte[] middle, byte[] suffix) {
        byte[] out = new byte[algorithm.macLength()];
        hmac.mac(middle, middle.length, suffix, out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anyKeyPrefixAndMessage_givesTheJdkMac_inEveryAlgorithm(boolean cloning) {
        Random random = new Random(11);
        for (Algorithm algorithm : Algorithm.values()) {
            // Key lengths around both block sizes: longer keys are hashed first.
            for (int keyLength : new int[] {1, 16, 63, 64, 65, 127, 128, 129, 300}) {
                byte[] key = new byte[keyLength];
                byte[] prefix = new byte[random.nextInt(300)];
                random.nextBytes(key);
                random.nextBytes(prefix);
                PrefixedHmac hmac = new PrefixedHmac(algorithm, key, prefix, cloning);
                for (int i = 0; i < 5; i++) {
                    byte[] middle = new byte[random.nextInt(20)];
                    byte[] suffix = new byte[random.nextInt(3) == 0 ? random.nextInt(200) : 0];
                    random.nextBytes(middle);
                    random.nextBytes(suffix);

                    assertArrayEquals(algorithm.hmac(key, concat(prefix, middle, suffix)),
                            mac(hmac, algorithm, middle, suffix), algorithm + " key " + keyLength);
                }
            }
        }
    }

    @Test
    void aMiddleShorterThanItsBuffer_usesOnlyItsLength() {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        PrefixedHmac hmac = new PrefixedHmac(Algorithm.SHA256, key, "pre".getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[32];

        hmac.mac("1234567890123".getBytes(StandardCharsets.UTF_8), 10, new byte[0], out);

        assertArrayEquals(Algorithm.SHA256.hmac(key, "pre1234567890".getBytes(StandardCharsets.UTF_8)), out);
    }

    /** RFC 4231 test case 6 (a key longer than SHA-512's block) and case 2, for the four SHA-2 algorithms. */
    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"SHA224", "SHA256", "SHA384", "SHA512"})
    void rfc4231Cases_match(Algorithm algorithm) {
        byte[] longKey = new byte[131];
        Arrays.fill(longKey, (byte) 0xaa);
        String[] case6 = {"95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952",
            "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73"
                    + "f63f0aec8b915a985d786598"};
        String[] case2 = {"a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a3"
                    + "4d4a6b4b636e070a38bce737"};
        int i = algorithm.ordinal() - Algorithm.SHA224.ordinal();
        byte[] message6 = "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII);

        assertEquals(case6[i], HexFormat.of().formatHex(mac(new PrefixedHmac(algorithm, longKey,
                Arrays.copyOf(message6, 20)), algorithm, Arrays.copyOfRange(message6, 20, message6.length), new byte[0])));
        assertEquals(case2[i], HexFormat.of().formatHex(mac(new PrefixedHmac(algorithm,
                "Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want ".getBytes(StandardCharsets.US_ASCII)),
                algorithm, "for nothing?".getBytes(StandardCharsets.US_ASCII), new byte[0])));
    }

    @Test
    void theVectorAndAUnicodeInput_inEveryAlgorithm_matchPython() {
        String[][] inputs = {{"S6meLXlUY00YVML3", "S6meLXlUY00YVML3https://apoorva.comLfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ",
            "1444762678"}, {"sécret-密钥-🔑".repeat(20), "sécret-密钥-🔑https://例え.jp/cb?q=üclïent-ид-🙂", "1700000000123"}};
        List<PythonHmac.Input> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String[] input : inputs) {
            byte[] key = input[0].getBytes(StandardCharsets.UTF_8);
            for (Algorithm algorithm : Algorithm.values()) {
                PrefixedHmac hmac = new PrefixedHmac(algorithm, key, input[1].getBytes(StandardCharsets.UTF_8));
                actual.add(HexFormat.of().formatHex(mac(hmac, algorithm, input[2].getBytes(StandardCharsets.UTF_8),
                        new byte[0])));
                expected.add(new PythonHmac.Input(algorithm, Encoding.HEX, key,
                        (input[1] + input[2]).getBytes(StandardCharsets.UTF_8)));
            }
        }

        assertEquals(PythonHmac.of(expected), actual);
    }
}
