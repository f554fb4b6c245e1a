package dev.hmac.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignerTest {
    private static final Clock FIXED = Clock.fixed(Instant.ofEpochSecond(1444762678L, 999_000_000), ZoneOffset.UTC);

    @Test
    void originalVector_matchesByteForByte() {
        SignatureRequest request = SignatureRequest.of("https://apoorva.com", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ",
                "S6meLXlUY00YVML3", "1444762678");

        Signature signature = new Signer().sign(request);

        assertEquals("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", signature.signature());
        assertEquals("1444762678", signature.timestamp());
        assertEquals("https://apoorva.com", signature.callback());
        assertEquals("LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", signature.clientId());
    }

    @Test
    void noTimestamp_usesTheClockTruncatedToWholeSeconds() {
        SignatureRequest request = SignatureRequest.of("https://apoorva.com", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ",
                "S6meLXlUY00YVML3", null);

        Signature signature = new Signer(FIXED).sign(request);

        assertEquals("1444762678", signature.timestamp());
        assertEquals("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", signature.signature());
        assertEquals(Instant.parse("2015-10-13T18:57:58Z"), signature.time());
    }

    @Test
    void surroundingWhitespace_isNotSigned() {
        SignatureRequest request = SignatureRequest.of("  https://apoorva.com\n", "\tLfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ ",
                "\u00a0S6meLXlUY00YVML3 ", " 1444762678 ");

        assertEquals("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", new Signer().sign(request).signature());
    }

    @Test
    void nonAsciiInputs_areSignedAsUtf8() {
        // Expected value computed independently with Python's hmac module.
        SignatureRequest request = SignatureRequest.of("https://例え.jp/cb?q=ü", "clïent-ид-🙂", "sécret-密钥-🔑",
                1700000000L);

        assertEquals("LMsox1dtcSqw8tHsIU4nDFtoRysvts394J38f1CrLE0=", new Signer().sign(request).signature());
    }

    /** RFC 4231, HMAC-SHA-256 test cases 1 to 7 (case 5 compares the first 128 bits, as the RFC does). */
    @ParameterizedTest(name = "RFC 4231 case {0}")
    @CsvSource({
        "1, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265,"
                + " b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "2, 4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f,"
                + " 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "3, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, " + "dd:50,"
                + " 773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        "4, 0102030405060708090a0b0c0d0e0f10111213141516171819, " + "cd:50,"
                + " 82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        "5, 0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c, 546573742057697468205472756e636174696f6e,"
                + " a3b6167473100ee06e0c796c2955552b",
        "6, aa:131, 54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374,"
                + " 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        "7, aa:131, text:This is a test using a larger than block-size key and a larger than block-size data."
                + " The key needs to be hashed before being used by the HMAC algorithm.,"
                + " 9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    })
    void hmacStep_matchesRfc4231(int testCase, String key, String data, String expected) {
        byte[] mac = Signer.hmacSha256(bytes(key), bytes(data));

        byte[] compared = Arrays.copyOf(mac, expected.length() / 2);
        assertEquals(expected, HexFormat.of().formatHex(compared), "test case " + testCase);
    }

    /** "hex", "hex:count" for a repeated byte, or "text:..." for ASCII text. */
    private static byte[] bytes(String spec) {
        if (spec.startsWith("text:")) {
            return spec.substring(5).getBytes(StandardCharsets.US_ASCII);
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return HexFormat.of().parseHex(spec);
        }
        byte[] out = new byte[Integer.parseInt(spec.substring(colon + 1))];
        Arrays.fill(out, (byte) Integer.parseInt(spec.substring(0, colon), 16));
        return out;
    }
}
