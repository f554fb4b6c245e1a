package dev.hmac.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.VerificationRequest;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.Canary;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each cause found from a signature made the way a user's code would have made it wrong. The signatures are
 * computed here with the JDK's Mac, apart from the engine.
 */
class VerifierTest {
    private static final String CALLBACK = "https://apoorva.com";
    private static final String ID = "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ";
    private static final String SECRET = "S6meLXlUY00YVML3";
    private static final long T = 1444762678L;
    private static final String VECTOR = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";
    /** Now, for the checks without a timestamp: a day and a bit after the vector's timestamp. */
    private static final long NOW = T + 90_000;
    private static final Verifier VERIFIER = new Verifier(Clock.fixed(Instant.ofEpochSecond(NOW, 250_000_000),
            ZoneOffset.UTC));

    // ---- how the wrong signatures are made ----

    private static byte[] mac(Algorithm algorithm, byte[] key, String message) {
        try {
            String name = "Hmac" + algorithm.name();
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(key, name));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mac(String secret, String message) {
        return mac(Algorithm.SHA256, secret.getBytes(StandardCharsets.UTF_8), message);
    }

    private static String base64(byte[] mac) {
        return Base64.getEncoder().encodeToString(mac);
    }

    /** The rule, with whatever the caller's code put in each part. */
    private static String signed(String secret, String callback, String clientId, String timestamp) {
        return base64(mac(secret, secret + callback + clientId + timestamp));
    }

    // ---- checking ----

    private static Verdict check(Object timestamp, String signature) {
        return check(VERIFIER, CALLBACK, ID, SECRET, timestamp, signature, null, null);
    }

    /** Every verdict here is also checked for the secret: it must never be in one. */
    private static Verdict check(Verifier verifier, String callback, String clientId, String secret, Object timestamp,
            String signature, String algorithm, String encoding) {
        Verdict verdict = verifier.verify(VerificationRequest.of(callback, clientId, secret, timestamp, signature,
                algorithm, encoding));
        String trimmed = secret.strip();
        assertFalse(verdict.toString().contains(trimmed), "toString");
        assertFalse(verdict.messageToSign().text().contains(trimmed), "message_to_sign");
        for (Explanation explanation : verdict.explanations()) {
            assertFalse(explanation.message().contains(trimmed), explanation.message());
            assertFalse(explanation.toString().contains(trimmed), explanation.toString());
            // The details go into answers as they are: every value must be one the JSON writer takes.
            Json.write(explanation.details());
        }
        assertFalse(verdict.toString().contains(verdict.signature()), "toString shows the signature");
        return verdict;
    }

    private static Explanation only(Verdict verdict, Cause cause) {
        assertFalse(verdict.match());
        assertEquals(List.of(cause), verdict.causes(), verdict.explanations().toString());
        return verdict.explanations().get(0);
    }

    // ---- a match ----

    @Test
    void theRightSignature_isAMatch_withTheStringToSignAndNoSecret() {
        Verdict verdict = check(Long.toString(T), VECTOR);

        assertTrue(verdict.match());
        assertTrue(verdict.complete());
        assertEquals(List.of(), verdict.explanations());
        assertEquals(VECTOR, verdict.signature());
        assertEquals("1444762678", verdict.timestamp());
        assertEquals(CALLBACK, verdict.callback());
        assertEquals(ID, verdict.clientId());
        assertEquals(Algorithm.SHA256, verdict.algorithm());
        assertEquals(Encoding.BASE64, verdict.encoding());
        assertEquals(new MessageToSign("«client secret, 16 characters» + https://apoorva.com + "
                + "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ + 1444762678", 77), verdict.messageToSign());
    }

    @Test
    void messageToSign_countsCharactersOfTheSecretAndUtf8BytesOfTheWhole() {
        Verdict verdict = check(VERIFIER, "https://例え.jp/cb", "ид", "🔑", "1700000000", VECTOR, null, null);

        assertEquals("«client secret, 1 character» + https://例え.jp/cb + ид + 1700000000", verdict.messageToSign().text());
        assertEquals(4 + 20 + 4 + 10, verdict.messageToSign().bytes());
    }

    @Test
    void otherAlgorithmAndEncoding_whenAsked_areTheRuleAndMatch() {
        String sha512Hex = HexFormat.of().formatHex(mac(Algorithm.SHA512, SECRET.getBytes(StandardCharsets.UTF_8),
                SECRET + CALLBACK + ID + T));
        Verdict verdict = check(VERIFIER, CALLBACK, ID, SECRET, T, sha512Hex, "sha-512", "HEX");

        assertTrue(verdict.match());
        assertEquals(sha512Hex, verdict.signature());
        assertEquals(Algorithm.SHA512, verdict.algorithm());
        assertEquals(Encoding.HEX, verdict.encoding());
    }

    @Test
    void base64urlAsApigeeWritesIt_matchesWhenAskedFor() {
        String url = Base64.getUrlEncoder().encodeToString(Base64.getDecoder().decode(VECTOR));

        assertTrue(check(VERIFIER, CALLBACK, ID, SECRET, T, url, null, "base64url").match());
    }

    // ---- url-decoded ----

    @Test
    void signatureThroughAFormDecoder_hasSpacesForPlus_isUrlDecoded() {
        // Put in a query string without encoding, then read back by a server: + becomes a space.
        String received = URLDecoder.decode(VECTOR, StandardCharsets.UTF_8);

        Explanation explanation = only(check(T, received), Cause.URL_DECODED);
        assertEquals(Map.of("field", "signature", "change", "plus-as-space"), explanation.details());
        assertTrue(explanation.message().contains("%2B"), explanation.message());
    }

    @Test
    void signatureEncodedOnceTooOften_isStillPercentEncoded() {
        String received = URLEncoder.encode(VECTOR, StandardCharsets.UTF_8);

        assertEquals("percent-encoded", only(check(T, received), Cause.URL_DECODED).details().get("change"));
        assertEquals(List.of(Cause.URL_DECODED),
                check(T, URLEncoder.encode(received, StandardCharsets.UTF_8)).causes(), "encoded twice");
    }

    // ---- encoding ----

    @Test
    void hexOfTheMac_isEncoding_ofEitherCase() {
        byte[] mac = Base64.getDecoder().decode(VECTOR);

        Explanation lower = only(check(T, HexFormat.of().formatHex(mac)), Cause.ENCODING);
        assertEquals(Map.of("encoding", "hex", "letter_case", "lower"), lower.details());
        assertTrue(lower.message().contains("base16"), lower.message());
        Explanation upper = only(check(T, HexFormat.of().withUpperCase().formatHex(mac)), Cause.ENCODING);
        assertEquals("upper", upper.details().get("letter_case"));
    }

    @Test
    void jwtStyleBase64url_isEncoding_withoutPadding() {
        String jwtStyle = Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(VECTOR));

        assertEquals(Map.of("encoding", "base64url", "padded", false), only(check(T, jwtStyle), Cause.ENCODING)
                .details());
    }

    @Test
    void base64WithItsPaddingStripped_isEncoding() {
        Explanation explanation = only(check(T, VECTOR.substring(0, VECTOR.length() - 1)), Cause.ENCODING);

        assertEquals(Map.of("encoding", "base64", "padded", false), explanation.details());
        assertTrue(explanation.message().contains("padding"), explanation.message());
    }

    @Test
    void upperCaseHex_whenHexIsExpected_isEncoding() {
        String upper = HexFormat.of().withUpperCase().formatHex(Base64.getDecoder().decode(VECTOR));

        Explanation explanation = only(check(VERIFIER, CALLBACK, ID, SECRET, T, upper, null, "hex"), Cause.ENCODING);
        assertTrue(explanation.message().contains("lower case"), explanation.message());
    }

    @Test
    void standardBase64_whenBase64urlIsExpected_isEncoding() {
        assertEquals("base64", only(check(VERIFIER, CALLBACK, ID, SECRET, T, VECTOR, null, "base64url"),
                Cause.ENCODING).details().get("encoding"));
    }

    // ---- timestamp ----

    @Test
    void signedAMinuteEarlierThanTheTimestampSent_isTimestamp_withItsUtcTimeAndOffset() {
        // The code took the time twice: once to sign, once (78 s later, after a retry) to send.
        String signature = signed(SECRET, CALLBACK, ID, Long.toString(T - 78));

        Verdict verdict = check(T, signature);
        Explanation explanation = only(verdict, Cause.TIMESTAMP);
        assertEquals(Map.of("timestamp", "1444762600", "time", "2015-10-13T18:56:40Z", "offset_seconds", -78L),
                explanation.details());
        assertTrue(explanation.message().contains("2015-10-13 18:56:40 UTC"), explanation.message());
        assertTrue(explanation.message().contains("1 minute 18 seconds before"), explanation.message());
        assertEquals("1444762678", verdict.timestamp(), "the verdict stays on the timestamp given");
        assertEquals(VECTOR, verdict.signature());
    }

    @Test
    void signedAlmostADayLater_isStillFound() {
        long found = T + Search.DAY;

        Explanation explanation = only(check(T, signed(SECRET, CALLBACK, ID, Long.toString(found))), Cause.TIMESTAMP);
        assertEquals(Search.DAY, explanation.details().get("offset_seconds"));
        assertTrue(explanation.message().contains("24 hours after"), explanation.message());
    }

    @Test
    void signedMoreThanADayAway_isUnexplained() {
        Verdict verdict = check(T, signed(SECRET, CALLBACK, ID, Long.toString(T - Search.DAY - 1)));

        assertEquals(List.of(Cause.UNEXPLAINED), verdict.causes());
        assertTrue(verdict.complete());
    }

    // ---- milliseconds ----

    @Test
    void signedWithDateNowInMilliseconds_whileSendingSeconds_isMilliseconds() {
        String signature = signed(SECRET, CALLBACK, ID, T + "417");

        Explanation explanation = only(check(T, signature), Cause.MILLISECONDS);
        assertEquals("1444762678417", explanation.details().get("timestamp"));
        assertEquals("2015-10-13T18:57:58.417Z", explanation.details().get("time"));
        assertTrue(explanation.message().contains("1444762678"), explanation.message());
    }

    @Test
    void millisecondsGiven_forASignatureMadeWithSeconds_isMilliseconds_andTheVerdictIsInSeconds() {
        Verdict verdict = check(T + "000", VECTOR);

        Explanation explanation = only(verdict, Cause.MILLISECONDS);
        assertEquals("1444762678", explanation.details().get("timestamp"));
        assertEquals("1444762678", verdict.timestamp());
        assertEquals(VECTOR, verdict.signature());
    }

    @Test
    void millisecondsGivenAndSigned_isMilliseconds() {
        String signature = signed(SECRET, CALLBACK, ID, T + "250");

        Explanation explanation = only(check(T + "250", signature), Cause.MILLISECONDS);
        assertEquals("1444762678250", explanation.details().get("timestamp"));
        assertTrue(explanation.message().contains("sign and send 1444762678"), explanation.message());
    }

    @Test
    void millisecondsGiven_andNothingFound_saysHowTheyWereRead_beforeUnexplained() {
        Verdict verdict = check(T + "000", signed("another secret", CALLBACK, ID, Long.toString(T)));

        assertEquals(List.of(Cause.MILLISECONDS, Cause.UNEXPLAINED), verdict.causes());
    }

    // ---- whitespace ----

    @Test
    void secretReadFromAFile_endsWithANewline_isWhitespace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, SECRET + "\n");
        String secret = Files.readString(file);

        Explanation explanation = only(check(T, signed(secret, CALLBACK, ID, Long.toString(T))), Cause.WHITESPACE);
        assertEquals(Map.of("field", "clientsecret", "position", "end", "whitespace", "\n"), explanation.details());
        assertTrue(explanation.message().contains("client secret ends with a line break (\\n)"), explanation.message());
        assertTrue(explanation.message().contains("file or from echo"), explanation.message());
    }

    @Test
    void secretSavedOnWindows_endsWithCrLf_isWhitespace() {
        String secret = SECRET + "\r\n";

        assertEquals("\r\n", only(check(T, signed(secret, CALLBACK, ID, Long.toString(T))), Cause.WHITESPACE)
                .details().get("whitespace"));
    }

    @Test
    void clientIdCopiedWithATrailingSpace_isWhitespace() {
        Explanation explanation = only(check(T, signed(SECRET, CALLBACK, ID + " ", Long.toString(T))),
                Cause.WHITESPACE);
        assertEquals("clientid", explanation.details().get("field"));
        assertEquals("end", explanation.details().get("position"));
    }

    @Test
    void callbackWithALeadingTab_isWhitespace() {
        Explanation explanation = only(check(T, signed(SECRET, "\t" + CALLBACK, ID, Long.toString(T))),
                Cause.WHITESPACE);
        assertEquals(Map.of("field", "callback", "position", "start", "whitespace", "\t"), explanation.details());
    }

    @Test
    void timestampFromAShellCommandWithItsNewline_isWhitespace() {
        // Like subprocess.check_output(["date", "+%s"]) in Python: the output keeps its line break.
        String timestamp = T + "\n";

        assertEquals("timestamp", only(check(T, signed(SECRET, CALLBACK, ID, timestamp)), Cause.WHITESPACE)
                .details().get("field"));
    }

    @Test
    void secretTypedWithANoBreakSpace_isFoundFromWhatTheCheckTrimmed() {
        // Pasted from a web page: the no-break space is not one of the usual four, but the check kept what it trimmed.
        String typed = SECRET + "\u00a0";

        Verdict verdict = check(VERIFIER, CALLBACK, ID, typed, T, signed(typed, CALLBACK, ID, Long.toString(T)), null,
                null);
        Explanation explanation = only(verdict, Cause.WHITESPACE);
        assertEquals("\u00a0", explanation.details().get("whitespace"));
        assertTrue(explanation.message().contains("U+00A0"), explanation.message());
    }

    // ---- callback ----

    @Test
    void callbackNormalisedByAUrlLibrary_withATrailingSlash_isCallback() {
        // new URL("https://apoorva.com").href in JavaScript is "https://apoorva.com/".
        Explanation explanation = only(check(T, signed(SECRET, CALLBACK + "/", ID, Long.toString(T))), Cause.CALLBACK);
        assertEquals(Map.of("field", "callback", "callback", "https://apoorva.com/", "change", "slash-added"),
                explanation.details());
    }

    @Test
    void callbackRegisteredWithASlash_butSignedWithout_isCallback() {
        String registered = "https://apoorva.com/cb/";

        Verdict verdict = check(VERIFIER, registered, ID, SECRET, T, signed(SECRET, "https://apoorva.com/cb", ID,
                Long.toString(T)), null, null);
        assertEquals("slash-removed", only(verdict, Cause.CALLBACK).details().get("change"));
    }

    @Test
    void callbackSignedWithHttp_isCallback() {
        assertEquals("scheme", only(check(T, signed(SECRET, "http://apoorva.com", ID, Long.toString(T))),
                Cause.CALLBACK).details().get("change"));
    }

    @Test
    void callbackPercentEncodedAsAQueryParameter_isCallback() {
        // encodeURIComponent(callback), or URLEncoder in Java.
        String encoded = URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8);

        Explanation explanation = only(check(T, signed(SECRET, encoded, ID, Long.toString(T))), Cause.CALLBACK);
        assertEquals("https%3A%2F%2Fapoorva.com", explanation.details().get("callback"));
        assertEquals("percent-encoded", explanation.details().get("change"));
    }

    @Test
    void callbackWithAnEncodedQuery_signedDecoded_isCallback() {
        String registered = "https://apoorva.com/cb?next=https%3A%2F%2Fb.example%2F";

        Verdict verdict = check(VERIFIER, registered, ID, SECRET, T, signed(SECRET,
                "https://apoorva.com/cb?next=https://b.example/", ID, Long.toString(T)), null, null);
        assertEquals("percent-decoded", only(verdict, Cause.CALLBACK).details().get("change"));
    }

    // ---- order ----

    @Test
    void partsJoinedInAnotherOrder_isOrder() {
        // Callback and client id first, as the request's query string has them.
        String signature = base64(mac(SECRET, CALLBACK + ID + SECRET + T));

        Explanation explanation = only(check(T, signature), Cause.ORDER);
        assertEquals(Map.of("order", "callback + clientid + clientsecret + timestamp"), explanation.details());
        assertTrue(explanation.message().contains("callback URL + client ID + client secret + timestamp"),
                explanation.message());
    }

    @Test
    void timestampFirst_isOrder() {
        assertEquals("timestamp + clientsecret + callback + clientid", only(check(T, base64(mac(SECRET,
                T + SECRET + CALLBACK + ID))), Cause.ORDER).details().get("order"));
    }

    // ---- algorithm ----

    @Test
    void hmacSha1Signature_isAlgorithm_andSaysSha1IsWeak() {
        String sha1 = base64(mac(Algorithm.SHA1, SECRET.getBytes(StandardCharsets.UTF_8), SECRET + CALLBACK + ID + T));

        Explanation explanation = only(check(T, sha1), Cause.ALGORITHM);
        assertEquals(Map.of("algorithm", "sha1"), explanation.details());
        assertTrue(explanation.message().contains("weak"), explanation.message());
    }

    @Test
    void everyOtherAlgorithm_isNamedByItsLength() {
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm == Algorithm.SHA256) {
                continue;
            }
            String signature = base64(mac(algorithm, SECRET.getBytes(StandardCharsets.UTF_8), SECRET + CALLBACK + ID + T));
            assertEquals(algorithm.key(), only(check(T, signature), Cause.ALGORITHM).details().get("algorithm"));
        }
    }

    // ---- key encoding ----

    @Test
    void hexSecretDecodedForTheKey_asApigeeBase16Does_isKeyEncoding() {
        String secret = "6d7953656372657448657821";
        String signature = base64(mac(Algorithm.SHA256, HexFormat.of().parseHex(secret), secret + CALLBACK + ID + T));

        Verdict verdict = check(VERIFIER, CALLBACK, ID, secret, T, signature, null, null);
        Explanation explanation = only(verdict, Cause.KEY_ENCODING);
        assertEquals(Map.of("field", "clientsecret", "key_encoding", "hex"), explanation.details());
        assertTrue(explanation.message().contains("encoding=\"base16\""), explanation.message());
    }

    @Test
    void base64SecretDecodedForTheKey_isKeyEncoding() {
        byte[] key = Base64.getDecoder().decode(SECRET);

        assertEquals("base64", only(check(T, base64(mac(Algorithm.SHA256, key, SECRET + CALLBACK + ID + T))),
                Cause.KEY_ENCODING).details().get("key_encoding"));
    }

    // ---- unexplained ----

    @Test
    void wrongSecret_isUnexplained_andPointsToTheStringToSign() {
        Verdict verdict = check(T, signed("S6meLXlUY00YVML4", CALLBACK, ID, Long.toString(T)));

        Explanation explanation = only(verdict, Cause.UNEXPLAINED);
        assertTrue(verdict.complete());
        assertTrue(explanation.message().contains("message_to_sign"), explanation.message());
        assertEquals(VECTOR, verdict.signature());
    }

    @Test
    void signatureCutShortWhenCopied_isNoMac_andSaysHowLongOneIs() {
        Explanation explanation = only(check(T, VECTOR.substring(0, 30)), Cause.UNEXPLAINED);

        assertEquals(Map.of("field", "signature", "length", 30, "expected_length", 44), explanation.details());
        assertTrue(explanation.message().contains("has 44"), explanation.message());
    }

    @Test
    void aSignatureOfAnotherLength_thatNothingExplains_saysWhichAlgorithmItsLengthNames() {
        String twentyBytes = Base64.getEncoder().encodeToString(new byte[20]);

        String message = only(check(T, twentyBytes), Cause.UNEXPLAINED).message();
        assertTrue(message.contains("the length of an HMAC-SHA1 (20 bytes), not of an HMAC-SHA256"), message);
    }

    // ---- several causes: the more specific first ----

    @Test
    void hexSignatureForAnotherTimestamp_isEncodingThenTimestamp() {
        String hex = HexFormat.of().formatHex(mac(SECRET, SECRET + CALLBACK + ID + (T + 5)));

        assertEquals(List.of(Cause.ENCODING, Cause.TIMESTAMP), check(T, hex).causes());
    }

    @Test
    void formDecodedSignature_ofASecretWithANewline_isUrlDecodedThenWhitespace() {
        String signature = signed(SECRET + "\n", CALLBACK, ID, Long.toString(T));
        String received = signature.replace('+', ' ');
        // A signature without a + could not show this; the vector's secret and inputs give one with a +.
        assertTrue(received.contains(" "), signature);

        assertEquals(List.of(Cause.URL_DECODED, Cause.WHITESPACE), check(T, received).causes());
    }

    @Test
    void millisecondsGiven_andSignedSecondsLater_isTimestampThenMilliseconds() {
        Verdict verdict = check(T + "000", signed(SECRET, CALLBACK, ID, Long.toString(T + 2)));

        assertEquals(List.of(Cause.TIMESTAMP, Cause.MILLISECONDS), verdict.causes());
        assertEquals(2L, verdict.explanations().get(0).details().get("offset_seconds"));
    }

    @Test
    void sha1InHex_isEncodingThenAlgorithm() {
        String hex = HexFormat.of().formatHex(mac(Algorithm.SHA1, SECRET.getBytes(StandardCharsets.UTF_8),
                SECRET + CALLBACK + ID + T));

        assertEquals(List.of(Cause.ENCODING, Cause.ALGORITHM), check(T, hex).causes());
    }

    @Test
    void sha512WithATrailingSpaceOnTheClientId_isWhitespaceThenAlgorithm() {
        String signature = base64(mac(Algorithm.SHA512, SECRET.getBytes(StandardCharsets.UTF_8),
                SECRET + CALLBACK + ID + " " + T));

        assertEquals(List.of(Cause.WHITESPACE, Cause.ALGORITHM), check(T, signature).causes());
    }

    @Test
    void hexOfSha256_alsoReadsAsBase64OfSha384_andIsFoundAsHex() {
        String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(VECTOR));

        assertEquals(List.of(Cause.ENCODING), check(VERIFIER, CALLBACK, ID, SECRET, T, hex, "sha384", null).causes()
                .subList(0, 1));
    }

    // ---- no timestamp: the day around now ----

    @Test
    void noTimestamp_aSignatureFromFiveHoursAgo_isAMatch_andTheVerdictNamesItsTimestamp() {
        long signedAt = NOW - 5 * 3600 - 17;

        Verdict verdict = check(null, signed(SECRET, CALLBACK, ID, Long.toString(signedAt)));

        assertTrue(verdict.match());
        assertEquals(Long.toString(signedAt), verdict.timestamp());
        assertTrue(verdict.messageToSign().text().endsWith(" + " + signedAt));
    }

    @Test
    void noTimestamp_aSignatureForAlmostADayAhead_isAMatch() {
        long signedAt = NOW + Search.DAY;

        assertEquals(Long.toString(signedAt), check("", signed(SECRET, CALLBACK, ID, Long.toString(signedAt)))
                .timestamp());
    }

    @Test
    void noTimestamp_aSignatureFromTwoDaysAgo_isUnexplained_andSaysWhatWasTried() {
        Verdict verdict = check(null, VECTOR);

        Explanation explanation = only(verdict, Cause.UNEXPLAINED);
        assertTrue(explanation.message().contains("Without a timestamp"), explanation.message());
        assertEquals(Long.toString(NOW), verdict.timestamp(), "the verdict shows the right signature for now");
    }

    @Test
    void noTimestamp_aSecretWithANewlineSignedAMinuteAgo_isWhitespace_atTheTimestampFound() {
        long signedAt = NOW - 61;

        Verdict verdict = check(null, signed(SECRET + "\n", CALLBACK, ID, Long.toString(signedAt)));

        assertEquals(List.of(Cause.WHITESPACE), verdict.causes());
        assertEquals(Long.toString(signedAt), verdict.timestamp());
    }

    @Test
    void noTimestamp_anHexSignatureFromAnHourAgo_isEncoding() {
        long signedAt = NOW - 3600;
        String hex = HexFormat.of().formatHex(mac(SECRET, SECRET + CALLBACK + ID + signedAt));

        Verdict verdict = check(null, hex);
        assertEquals(List.of(Cause.ENCODING), verdict.causes());
        assertEquals(Long.toString(signedAt), verdict.timestamp());
    }

    // ---- the secret ----

    @Test
    void theCanarySecret_isInNoVerdict_whateverTheCause() {
        String secret = Canary.SECRET;
        String[] signatures = {
            signed(secret, CALLBACK, ID, Long.toString(T)),
            signed(secret + "\n", CALLBACK, ID, Long.toString(T)),
            signed(secret, CALLBACK, ID, Long.toString(T - 3)),
            signed(secret, CALLBACK, ID, T + "123"),
            signed(secret, CALLBACK + "/", ID, Long.toString(T)),
            base64(mac(secret, CALLBACK + ID + secret + T)),
            signed("another", CALLBACK, ID, Long.toString(T)).replace('+', ' '),
            VECTOR.substring(3)};
        for (String signature : signatures) {
            for (Object timestamp : new Object[] {T, null, T + "000"}) {
                Verdict verdict = check(VERIFIER, CALLBACK, ID, secret + "\r\n", timestamp, signature, null, null);
                Canary.assertAbsent("a verdict", verdict.toString());
                Canary.assertAbsent("message_to_sign", verdict.messageToSign().text());
                for (Explanation explanation : verdict.explanations()) {
                    Canary.assertAbsent("an explanation", explanation.toString());
                    Canary.assertAbsent("an explanation", Json.write(explanation.details()));
                }
            }
        }
    }

    // ---- the CPU budget ----

    /** A CPU clock that advances a millisecond at each reading: the budget runs out after a known number. */
    private static Verifier withReadings(int readings) {
        AtomicLong nanos = new AtomicLong();
        return new Verifier(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC),
                Duration.ofMillis(readings), () -> nanos.getAndAdd(1_000_000));
    }

    @Test
    void budgetSpent_stopsTheSweep_isIncomplete_andSaysWhatWasNotTried() {
        String twoHoursLater = signed(SECRET, CALLBACK, ID, Long.toString(T + 7200));

        Verdict verdict = check(withReadings(3), CALLBACK, ID, SECRET, T, twoHoursLater, null, null);

        assertFalse(verdict.complete());
        Explanation explanation = only(verdict, Cause.UNEXPLAINED);
        assertTrue(explanation.message().contains("stopped at its time limit before it tried the rest of the "
                + "timestamps in milliseconds within second 1444762678, and any other timestamp within 24 hours of "
                + "1444762678"), explanation.message());
        assertEquals(VECTOR, verdict.signature());
    }

    @Test
    void budgetSpentInTheDaySweep_namesHowFarItGot() {
        String twoHoursLater = signed(SECRET, CALLBACK, ID, Long.toString(T + 7200));

        Verdict verdict = check(withReadings(10), CALLBACK, ID, SECRET, T, twoHoursLater, null, null);

        assertFalse(verdict.complete());
        String message = verdict.explanations().get(0).message();
        assertTrue(message.matches(".*before it tried the timestamps \\d+ (minutes?|seconds?).* or more from 1444762678 "
                + "\\(up to 24 hours\\)\\..*"), message);
    }

    @Test
    void cheapCauses_areFoundWhateverTheBudget() {
        Verifier none = new Verifier(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), Duration.ZERO);

        assertEquals(List.of(Cause.WHITESPACE), check(none, CALLBACK, ID, SECRET, T, signed(SECRET + "\n", CALLBACK, ID,
                Long.toString(T)), null, null).causes());
        assertTrue(check(none, CALLBACK, ID, SECRET, T, VECTOR, null, null).match());
    }

    @Test
    void budgetSpentWithoutATimestamp_saysTheOtherCausesNearNowWereNotAllTried() {
        Verdict verdict = check(withReadings(2), CALLBACK, ID, SECRET, null, VECTOR, null, null);

        assertFalse(verdict.complete());
        assertTrue(verdict.explanations().get(0).message().contains("whitespace, callback, order and key changes"),
                verdict.explanations().get(0).message());
    }

    // ---- the work a search does ----

    @Test
    void aFullSearch_sweepsOnlyTheAlgorithmTheLengthNames() {
        VerificationRequest request = VerificationRequest.of(CALLBACK, ID, SECRET, T,
                signed("another secret", CALLBACK, ID, Long.toString(T)), null, null);
        Search search = new Search(request, GivenSignature.read(request.signature(), request.signing().encoding()), NOW,
                Long.MAX_VALUE, System::nanoTime);

        Search.Outcome outcome = search.run();

        assertTrue(outcome.complete());
        long sweep = 2 * Search.DAY + 1000;
        assertTrue(search.computed() > sweep && search.computed() < sweep + 200, "computed " + search.computed());
    }
}
