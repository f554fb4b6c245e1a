package dev.hmac.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationRequestTest {
    private static final String CALLBACK = "https://apoorva.com";
    private static final String ID = "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ";
    private static final String SECRET = "S6meLXlUY00YVML3";
    private static final String VECTOR = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    private static List<FieldError> errors(Runnable attempt) {
        return assertThrows(InvalidRequestException.class, attempt::run).errors();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(null, "", "   ", null, null, null),
                Arguments.of("apoorva.com", ID, SECRET, "soon", null, null),
                Arguments.of("https://a.com/x y", "a\tb", SECRET, "-5", null, null),
                Arguments.of(CALLBACK, "🔑".repeat(257), "abc\ud83d", "0", null, null),
                Arguments.of(CALLBACK, ID, SECRET, "12.5", "sha3", "base32"),
                Arguments.of(CALLBACK, ID, SECRET, 1.5d, "rsa", null),
                Arguments.of(CALLBACK, ID, SECRET, "99999999999999", null, "utf8"),
                Arguments.of(CALLBACK, ID, SECRET, "10000000000", null, null),
                Arguments.of(CALLBACK, ID, SECRET, 144476267800L, null, null));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputs_getTheSameErrorsAsWhenSigning(String callback, String clientId, String secret, Object timestamp,
            String algorithm, String encoding) {
        List<FieldError> signing = errors(() -> SignatureRequest.of(callback, clientId, secret, timestamp, algorithm,
                encoding));
        List<FieldError> checking = errors(() -> VerificationRequest.of(callback, clientId, secret, timestamp, VECTOR,
                algorithm, encoding));

        assertEquals(signing, checking);
    }

    @Test
    void thirteenDigitTimestamp_isAcceptedAsMilliseconds_whileSigningRefusesIt() {
        VerificationRequest request = VerificationRequest.of(CALLBACK, ID, SECRET, "1444762678000", VECTOR, null, null);

        assertEquals(OptionalLong.of(1444762678000L), request.millisecondsGiven());
        assertEquals(OptionalLong.of(1444762678L), request.signing().timestamp(), "in seconds for the rule");
        assertTrue(request.isMilliseconds());
        assertTrue(VerificationRequest.of(CALLBACK, ID, SECRET, 1444762678123L, VECTOR, null, null).isMilliseconds());
        assertFalse(VerificationRequest.of(CALLBACK, ID, SECRET, "1444762678", VECTOR, null, null).isMilliseconds());
        assertEquals(List.of(new FieldError(Field.TIMESTAMP, "Timestamp must be in seconds, not milliseconds: Unix "
                + "seconds have at most 10 digits, like 1444762678.")),
                errors(() -> SignatureRequest.of(CALLBACK, ID, SECRET, "1444762678000")));
    }

    @Test
    void noTimestamp_meansAnyTimeNearNow() {
        assertFalse(VerificationRequest.of(CALLBACK, ID, SECRET, " ", VECTOR, null, null).signing().timestamp()
                .isPresent());
        assertFalse(VerificationRequest.of(CALLBACK, ID, SECRET, null, VECTOR, null, null).signing().timestamp()
                .isPresent());
    }

    @Test
    void missingSignature_isRequired_andComesAfterTheTimestamp() {
        assertEquals(List.of(new FieldError(Field.TIMESTAMP,
                "Timestamp must be a whole number of seconds since 1 January 1970 UTC (Unix time), like 1444762678."),
                new FieldError(Field.SIGNATURE, "Signature is required."),
                new FieldError(Field.ALGORITHM,
                        "Algorithm must be one of sha256 (the default), sha384, sha512, sha224, sha1 or md5.")),
                errors(() -> VerificationRequest.of(CALLBACK, ID, SECRET, "x", " \n", "md4", null)));
    }

    @Test
    void signatureAtTheLengthLimit_isAcceptedAndOneMoreIsNot() {
        String atLimit = "A".repeat(VerificationRequest.MAX_SIGNATURE_LENGTH);

        assertEquals(atLimit, VerificationRequest.of(CALLBACK, ID, SECRET, null, atLimit, null, null).signature());
        assertEquals(List.of(new FieldError(Field.SIGNATURE,
                "Signature is too long: it can have at most 1024 characters.")),
                errors(() -> VerificationRequest.of(CALLBACK, ID, SECRET, null, atLimit + "A", null, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WRfK\ncxY3", "WRfK\tcxY3", "WRfK\u0000"})
    void signatureWithControlCharactersInside_isRefused(String signature) {
        assertEquals(List.of(new FieldError(Field.SIGNATURE,
                "Signature must not contain control characters such as tabs or line breaks.")),
                errors(() -> VerificationRequest.of(CALLBACK, ID, SECRET, null, signature, null, null)));
    }

    @Test
    void signatureWithSpacesInside_isAccepted_forTheCheckToExplain() {
        String decoded = "WRfKcxY3ddRv/mi8gi1OaU4Yd yVL L8tbwjqP8bMlQ=";
        assertEquals(decoded, VerificationRequest.of(CALLBACK, ID, SECRET, null, " " + decoded + "\n", null, null)
                .signature());
    }

    @Test
    void whitespaceTrimmedFromAField_isKeptAsAClue() {
        VerificationRequest request = VerificationRequest.of(" " + CALLBACK, ID + "\t", SECRET + "\r\n", "1444762678\n",
                VECTOR, null, null);

        assertEquals(SECRET, request.signing().clientSecret());
        assertEquals("\r\n", request.trimmedFromEnd(Field.CLIENT_SECRET));
        assertEquals(" ", request.trimmedFromStart(Field.CALLBACK));
        assertEquals("\t", request.trimmedFromEnd(Field.CLIENT_ID));
        assertEquals("\n", request.trimmedFromEnd(Field.TIMESTAMP));
        assertEquals("", request.trimmedFromStart(Field.CLIENT_SECRET));
        assertEquals("", VerificationRequest.of(CALLBACK, ID, SECRET + "      ", null, VECTOR, null, null)
                .trimmedFromEnd(Field.CLIENT_SECRET), "more than a few characters is no clue");
    }

    @Test
    void optionsAreParsedAsForSigning() {
        VerificationRequest request = VerificationRequest.of(CALLBACK, ID, SECRET, null, VECTOR, "HmacSHA1", "BASE16");
        assertEquals(Algorithm.SHA1, request.signing().algorithm());
        assertEquals(Encoding.HEX, request.signing().encoding());
    }

    @Test
    void toString_showsNeitherTheSecretNorTheSignature() {
        String text = VerificationRequest.of(CALLBACK, ID, "CANARY-s3cr3t", null, VECTOR, null, null).toString();
        assertFalse(text.contains("CANARY"));
        assertFalse(text.contains(VECTOR));
    }
}
