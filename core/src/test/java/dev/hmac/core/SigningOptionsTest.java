package dev.hmac.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SigningOptionsTest {
    private static final String CALLBACK = "https://apoorva.com";
    private static final String ID = "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ";
    private static final String SECRET = "S6meLXlUY00YVML3";
    private static final String VECTOR = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    @ParameterizedTest
    @CsvSource({"sha256, SHA256", "SHA256, SHA256", "sha-256, SHA256", "HmacSHA256, SHA256", "HMAC-SHA256, SHA256",
        "hmac_sha256, SHA256", "' sha256 ', SHA256", "md5, MD5", "MD5, MD5", "HmacMD5, MD5", "sha1, SHA1",
        "SHA-1, SHA1", "HmacSHA1, SHA1", "sha224, SHA224", "SHA-224, SHA224", "sha384, SHA384", "Sha-384, SHA384",
        "sha512, SHA512", "HmacSHA512, SHA512"})
    void algorithmNames_areReadCaseInsensitivelyInEveryCommonSpelling(String name, Algorithm expected) {
        assertEquals(expected, SignatureRequest.of(CALLBACK, ID, SECRET, null, name, null).algorithm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha3-256", "sha", "rsa", "sha256x", "hmac", "256", "sha-2"})
    void unknownAlgorithm_isAFieldErrorListingTheChoices(String name) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SignatureRequest.of(CALLBACK, ID, SECRET, null, name, null));
        assertEquals(List.of(new FieldError(Field.ALGORITHM,
                "Algorithm must be one of sha256 (the default), sha384, sha512, sha224, sha1 or md5.")), e.errors());
    }

    @ParameterizedTest
    @CsvSource({"base64, BASE64", "BASE64, BASE64", "base64url, BASE64URL", "Base64URL, BASE64URL",
        "base64-url, BASE64URL", "hex, HEX", "HEX, HEX", "base16, HEX"})
    void encodingNames_areReadCaseInsensitively(String name, Encoding expected) {
        assertEquals(expected, SignatureRequest.of(CALLBACK, ID, SECRET, null, null, name).encoding());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base32", "utf8", "b64", "hexadecimal"})
    void unknownEncoding_isAFieldError(String name) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SignatureRequest.of(CALLBACK, ID, SECRET, null, null, name));
        assertEquals(List.of(new FieldError(Field.ENCODING, "Encoding must be base64 (the default), base64url or hex.")),
                e.errors());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void blankOptions_meanTheOriginalRule_byteForByte(String blank) {
        SignatureRequest request = SignatureRequest.of(CALLBACK, ID, SECRET, "1444762678", blank, blank);

        Signature signature = new Signer().sign(request);

        assertEquals(new Signature(CALLBACK, ID, "1444762678", VECTOR), signature);
        assertEquals("sha256", signature.algorithm().key());
        assertEquals("base64", signature.encoding().key());
    }

    @Test
    void optionErrors_comeWithTheOtherFieldErrors_inFieldOrder() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SignatureRequest.of("nope", ID, "", null, "sha3", "base32"));
        assertEquals(List.of(Field.CALLBACK, Field.CLIENT_SECRET, Field.ALGORITHM, Field.ENCODING),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void canonicalNames_areTheOnesAnswersCarry_andMd5AndSha1AreMarkedWeak() {
        assertEquals(List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512"),
                Arrays.stream(Algorithm.values()).map(Algorithm::key).toList());
        assertEquals(List.of("base64", "base64url", "hex"), Arrays.stream(Encoding.values()).map(Encoding::key).toList());
        for (Algorithm algorithm : Algorithm.values()) {
            assertEquals(algorithm == Algorithm.MD5 || algorithm == Algorithm.SHA1, algorithm.isWeak(), algorithm.key());
            assertEquals(Optional.of(algorithm), Algorithm.parse(algorithm.key()));
            assertEquals(Optional.of(algorithm), Algorithm.ofMacLength(algorithm.macLength()));
        }
        assertEquals(Algorithm.SHA256, Algorithm.DEFAULT);
        assertEquals(Encoding.BASE64, Encoding.DEFAULT);
        assertFalse(Algorithm.ofMacLength(33).isPresent());
    }

    @Test
    void theVectorAndAUnicodeInput_inEveryAlgorithmAndEncoding_matchPython() {
        String[][] inputs = {{CALLBACK, ID, SECRET, "1444762678"},
            {"https://例え.jp/cb?q=ü", "clïent-ид-🙂", "sécret-密钥-🔑", "1700000000"}};
        List<PythonHmac.Input> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String[] input : inputs) {
            for (Algorithm algorithm : Algorithm.values()) {
                for (Encoding encoding : Encoding.values()) {
                    SignatureRequest request = SignatureRequest.of(input[0], input[1], input[2], input[3],
                            algorithm.key(), encoding.key());
                    Signature signature = new Signer().sign(request);
                    assertEquals(algorithm, signature.algorithm());
                    assertEquals(encoding, signature.encoding());
                    actual.add(signature.signature());
                    expected.add(PythonHmac.Input.of(algorithm, encoding, input[2],
                            input[2] + input[0] + input[1] + input[3]));
                }
            }
        }

        assertEquals(PythonHmac.of(expected), actual);
        assertEquals(VECTOR, actual.get(3 * 3));
        assertTrue(actual.get(3 * 3 + 2).matches("[0-9a-f]{64}"));
    }
}
