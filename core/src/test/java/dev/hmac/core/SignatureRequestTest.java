package dev.hmac.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureRequestTest {
    private static final String CALLBACK = "https://apoorva.com";
    private static final String ID = "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ";
    private static final String SECRET = "S6meLXlUY00YVML3";

    private static FieldError onlyError(Runnable attempt) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, attempt::run);
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().get(0);
    }

    private static FieldError callbackError(String callback) {
        FieldError error = onlyError(() -> SignatureRequest.of(callback, ID, SECRET, null));
        assertEquals(Field.CALLBACK, error.field());
        return error;
    }

    private static FieldError timestampError(Object timestamp) {
        FieldError error = onlyError(() -> SignatureRequest.of(CALLBACK, ID, SECRET, timestamp));
        assertEquals(Field.TIMESTAMP, error.field());
        return error;
    }

    @Test
    void allMissing_namesEveryRequiredField() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SignatureRequest.of(null, "", "   ", null));

        assertEquals(List.of(
                new FieldError(Field.CALLBACK, "Callback URL is required."),
                new FieldError(Field.CLIENT_ID, "Client ID is required."),
                new FieldError(Field.CLIENT_SECRET, "Client secret is required.")), e.errors());
        assertEquals("Callback URL is required. Client ID is required. Client secret is required.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://apoorva.com", "http://localhost:8080/cb", "HTTPS://Example.COM/a?b=c&d=e#f",
        "https://my_service.internal/callback", "https://[::1]:8443/cb", "https://user@host.example/cb",
        "https://例え.jp/コールバック", "https://a.example/cb?x=[1]|{2}^", "http://a.example:8080"})
    void webAddresses_areAccepted(String callback) {
        assertEquals(callback, SignatureRequest.of(callback, ID, SECRET, null).callback());
    }

    @ParameterizedTest
    @ValueSource(strings = {"apoorva.com", "ftp://apoorva.com", "https://", "https:///path", "https://:443/",
        "/relative/path", "javascript:alert(1)", "mailto:a@b.c", "https://exa mple.com", "https://a.com:80x/",
        "https://[::1/", "https://user@/cb", "file:///etc/passwd", "https//a.com"})
    void nonWebAddresses_areRefused(String callback) {
        assertTrue(callbackError(callback).message().startsWith("Callback URL must"));
    }

    @Test
    void callbackWithInnerWhitespace_saysSo() {
        assertEquals("Callback URL must not contain spaces, tabs or line breaks.",
                callbackError("https://a.com/x y").message());
        assertEquals("Callback URL must not contain spaces, tabs or line breaks.",
                callbackError("https://a.com/x\ny").message());
        assertEquals("Callback URL must not contain spaces, tabs or line breaks.",
                callbackError("https://a.com/\u0000").message());
    }

    @Test
    void callbackAtTheLengthLimit_isAcceptedAndOneMoreIsNot() {
        String base = "https://a.com/";
        String atLimit = base + "x".repeat(SignatureRequest.MAX_CALLBACK_LENGTH - base.length());

        assertEquals(atLimit, SignatureRequest.of(atLimit, ID, SECRET, null).callback());
        assertTrue(callbackError(atLimit + "x").message().contains("at most 2048 characters"));
    }

    @Test
    void credentialsAtTheLengthLimit_countCharactersNotBytes() {
        String emoji256 = "🔑".repeat(256);

        assertEquals(emoji256, SignatureRequest.of(CALLBACK, emoji256, emoji256, null).clientId());
        FieldError error = onlyError(() -> SignatureRequest.of(CALLBACK, ID, emoji256 + "x", null));
        assertEquals(new FieldError(Field.CLIENT_SECRET,
                "Client secret is too long: it can have at most 256 characters."), error);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\u0000def", "abc\tdef", "abc\ndef", "abc\u007fdef", "abc\u0085def"})
    void controlCharactersInside_areRefused(String clientId) {
        FieldError error = onlyError(() -> SignatureRequest.of(CALLBACK, clientId, SECRET, null));
        assertEquals(new FieldError(Field.CLIENT_ID,
                "Client ID must not contain control characters such as tabs or line breaks."), error);
    }

    @Test
    void unpairedSurrogate_isRefusedRatherThanSignedAsQuestionMark() {
        FieldError error = onlyError(() -> SignatureRequest.of(CALLBACK, ID, "abc\ud83d", null));
        assertEquals(Field.CLIENT_SECRET, error.field());
        assertTrue(error.message().contains("broken character"));
    }

    @Test
    void anyOtherUnicode_isFine() {
        SignatureRequest request = SignatureRequest.of(CALLBACK, "ид \u200b 🙂 العربية", "sécret 密钥", null);
        assertEquals("ид \u200b 🙂 العربية", request.clientId());
    }

    @Test
    void timestamp_acceptsIntegerOrDecimalString() {
        assertEquals(OptionalLong.of(1444762678L), SignatureRequest.of(CALLBACK, ID, SECRET, "1444762678").timestamp());
        assertEquals(OptionalLong.of(1444762678L), SignatureRequest.of(CALLBACK, ID, SECRET, 1444762678L).timestamp());
        assertEquals(OptionalLong.of(1L), SignatureRequest.of(CALLBACK, ID, SECRET, 1).timestamp());
        assertEquals(OptionalLong.of(9999999999L),
                SignatureRequest.of(CALLBACK, ID, SECRET, new BigDecimal("9999999999")).timestamp());
        assertEquals(OptionalLong.of(1444762678L),
                SignatureRequest.of(CALLBACK, ID, SECRET, new BigDecimal("1444762678.000")).timestamp());
        assertEquals(OptionalLong.of(1000000000L),
                SignatureRequest.of(CALLBACK, ID, SECRET, new BigDecimal("1e9")).timestamp());
        assertEquals(OptionalLong.of(5L), SignatureRequest.of(CALLBACK, ID, SECRET, BigInteger.valueOf(5)).timestamp());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void blankTimestamp_meansNow(String timestamp) {
        assertFalse(SignatureRequest.of(CALLBACK, ID, SECRET, timestamp).timestamp().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12.5", "-5", "+5", "1e9", "١٢٣", "0x10", "12 34"})
    void malformedTimestamp_explainsUnixTime(String timestamp) {
        assertEquals("Timestamp must be a whole number of seconds since 1 January 1970 UTC (Unix time), "
                + "like 1444762678.", timestampError(timestamp).message());
    }

    @Test
    void outOfRangeTimestamp_givesTheRange() {
        String range = "Timestamp must be between 1 and 9999999999 (Unix seconds).";
        assertEquals(range, timestampError("0").message());
        assertEquals(range, timestampError("99999999999999999999999999").message());
        assertEquals(range, timestampError(0L).message());
        assertEquals(range, timestampError(-1).message());
        assertEquals(range, timestampError(new BigDecimal("1e999999999")).message());
        assertEquals(range, timestampError(new BigDecimal("-1e999999999")).message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000", "144476267800", "1444762678000", "9999999999999"})
    void elevenToThirteenDigits_sayThatSecondsAreExpected(String timestamp) {
        String seconds = "Timestamp must be in seconds, not milliseconds: Unix seconds have at most 10 digits, "
                + "like 1444762678.";
        assertEquals(seconds, timestampError(timestamp).message());
        assertEquals(seconds, timestampError(Long.parseLong(timestamp)).message());
        assertEquals(seconds, timestampError(new BigDecimal(timestamp)).message());
    }

    @Test
    void fourteenDigitsOrAZeroPaddedNumber_areOutOfRange() {
        String range = "Timestamp must be between 1 and 9999999999 (Unix seconds).";
        assertEquals(range, timestampError("10000000000000").message());
        assertEquals(range, timestampError(10_000_000_000_000L).message());
        assertEquals(range, timestampError("01444762678").message());
    }

    @Test
    void fractionalOrOddlyTypedTimestamp_isMalformed() {
        assertTrue(timestampError(new BigDecimal("1444762678.5")).message().startsWith("Timestamp must be a whole"));
        assertTrue(timestampError(1.5d).message().startsWith("Timestamp must be a whole"));
        assertTrue(timestampError(Double.NaN).message().startsWith("Timestamp must be a whole"));
        assertTrue(timestampError(Boolean.TRUE).message().startsWith("Timestamp must be a whole"));
        assertTrue(timestampError(List.of(1)).message().startsWith("Timestamp must be a whole"));
    }

    @Test
    void everyFieldAtFault_isReportedAtOnceInFieldOrder() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SignatureRequest.of("nope", "a\tb", "", "soon"));
        assertEquals(List.of(Field.CALLBACK, Field.CLIENT_ID, Field.CLIENT_SECRET, Field.TIMESTAMP),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void errorsAndToString_neverContainTheSecret() {
        String secret = "CANARY-s3cr3t-\u0000";
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SignatureRequest.of(CALLBACK, ID, secret, null));
        assertFalse(e.getMessage().contains("CANARY"));
        assertFalse(e.errors().toString().contains("CANARY"));

        SignatureRequest ok = SignatureRequest.of(CALLBACK, ID, "CANARY-s3cr3t", null);
        assertFalse(ok.toString().contains("CANARY"));
    }
}
