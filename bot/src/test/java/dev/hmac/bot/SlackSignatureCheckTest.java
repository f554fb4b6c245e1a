package dev.hmac.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.app_backend.SlackSignature;
import dev.hmac.bot.SlackSignatureCheck.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SlackSignatureCheckTest {
    /** Slack's published example (docs: "Verifying requests from Slack"). */
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
            .getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignatureCheck at(long epochSeconds) {
        return new SlackSignatureCheck(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
    }

    @Test
    void slacksPublishedExample_isValid() {
        assertEquals(Outcome.VALID, at(1531420618L).verify(TIMESTAMP, SIGNATURE, BODY));
    }

    @Test
    void slacksPublishedExample_givesSlacksSignature_asBoltsOwnGeneratorDoes() {
        assertEquals(SIGNATURE, at(1531420618L).signature(TIMESTAMP, BODY));
        assertEquals(SIGNATURE, new SlackSignature.Generator(SECRET).generate(TIMESTAMP,
                new String(BODY, StandardCharsets.UTF_8)));
    }

    @Test
    void withinFiveMinutesEitherWay_isValid() {
        assertEquals(Outcome.VALID, at(1531420618L + 300).verify(TIMESTAMP, SIGNATURE, BODY));
        assertEquals(Outcome.VALID, at(1531420618L - 300).verify(TIMESTAMP, SIGNATURE, BODY));
    }

    @Test
    void olderThanFiveMinutes_isStale() {
        assertEquals(Outcome.STALE, at(1531420618L + 301).verify(TIMESTAMP, SIGNATURE, BODY));
    }

    @Test
    void datedMoreThanFiveMinutesAhead_isRefusedAsFuture() {
        assertEquals(Outcome.FUTURE, at(1531420618L - 301).verify(TIMESTAMP, SIGNATURE, BODY));
    }

    @Test
    void alteredBodyOrSignature_mismatches() {
        byte[] altered = BODY.clone();
        altered[0] = 'T';
        assertEquals(Outcome.MISMATCH, at(1531420618L).verify(TIMESTAMP, SIGNATURE, altered));
        assertEquals(Outcome.MISMATCH, at(1531420618L).verify(TIMESTAMP, SIGNATURE.replace('a', 'b'), BODY));
        assertEquals(Outcome.MISMATCH, at(1531420618L).verify(TIMESTAMP, "v0=", BODY));
        assertEquals(Outcome.MISMATCH, new SlackSignatureCheck("another-secret",
                Clock.fixed(Instant.ofEpochSecond(1531420618L), ZoneOffset.UTC)).verify(TIMESTAMP, SIGNATURE, BODY));
    }

    @Test
    void missingOrMalformedHeaders_areRefused() {
        assertEquals(Outcome.MISSING, at(1531420618L).verify(null, SIGNATURE, BODY));
        assertEquals(Outcome.MISSING, at(1531420618L).verify(TIMESTAMP, null, BODY));
        assertEquals(Outcome.MALFORMED, at(1531420618L).verify("yesterday", SIGNATURE, BODY));
        assertEquals(Outcome.MISSING, new SlackSignatureCheck("", Clock.systemUTC()).verify(TIMESTAMP, SIGNATURE, BODY));
    }

    // ---- what answerBeforeBolt answers itself ----

    private static UnaryOperator<String> headers(String... namesAndValues) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map::get;
    }

    private static UnaryOperator<String> signed(String timestamp, String signature) {
        return headers(SlackSignatureCheck.TIMESTAMP_HEADER, timestamp, SlackSignatureCheck.SIGNATURE_HEADER, signature);
    }

    @Test
    void sslCheck_gets200_signedOrNot_andNothingElse() {
        byte[] sslCheck = "ssl_check=1&token=legacy-token".getBytes(StandardCharsets.UTF_8);
        SlackSignatureCheck check = at(1531420618L);

        assertEquals(Optional.of(new SlackSignatureCheck.Answer(200, "")), check.answerBeforeBolt("POST", headers(), sslCheck));
        String signature = check.signature(TIMESTAMP, sslCheck);
        assertEquals(200, check.answerBeforeBolt("POST", signed(TIMESTAMP, signature), sslCheck).orElseThrow().status());
        assertEquals(200, check.answerBeforeBolt("POST", headers(), sslCheck).orElseThrow().status(), "and again");
    }

    @Test
    void sslCheckFieldInACommandOrPayload_isNoSslCheck() {
        SlackSignatureCheck check = at(1531420618L);
        for (String body : new String[] {"command=%2Fhmac&ssl_check=1", "ssl_check=1&payload=%7B%7D", "ssl_check=10"}) {
            assertEquals(401, check.answerBeforeBolt("POST", headers(), body.getBytes(StandardCharsets.UTF_8))
                    .orElseThrow().status(), body);
        }
        assertEquals(405, check.answerBeforeBolt("GET", headers(), "ssl_check=1".getBytes(StandardCharsets.UTF_8))
                .orElseThrow().status());
    }

    @Test
    void firstSignedRequest_goesToBolt_aByteIdenticalOne_getsAPlainAck() {
        SlackSignatureCheck check = at(1531420618L);

        assertEquals(Optional.empty(), check.answerBeforeBolt("POST", signed(TIMESTAMP, SIGNATURE), BODY));
        assertEquals(Optional.of(new SlackSignatureCheck.Answer(200, "")),
                check.answerBeforeBolt("POST", signed(TIMESTAMP, SIGNATURE), BODY));
    }

    @Test
    void sameBodySignedAtAnotherSecond_isANewRequest() {
        SlackSignatureCheck check = at(1531420618L);
        String later = Long.toString(1531420619L);

        assertEquals(Optional.empty(), check.answerBeforeBolt("POST", signed(TIMESTAMP, SIGNATURE), BODY));
        assertEquals(Optional.empty(), check.answerBeforeBolt("POST", signed(later, check.signature(later, BODY)), BODY));
    }

    @Test
    void requestBoltRefused_isForgotten_soSendingItAgainIsNoReplay() {
        SlackSignatureCheck check = at(1531420618L);

        assertEquals(Optional.empty(), check.answerBeforeBolt("POST", signed(TIMESTAMP, SIGNATURE), BODY));
        check.afterBolt(signed(TIMESTAMP, SIGNATURE), 400);
        assertEquals(Optional.empty(), check.answerBeforeBolt("POST", signed(TIMESTAMP, SIGNATURE), BODY));
        check.afterBolt(signed(TIMESTAMP, SIGNATURE), 200);
        assertEquals(200, check.answerBeforeBolt("POST", signed(TIMESTAMP, SIGNATURE), BODY).orElseThrow().status());
    }

    @Test
    void signedRetry_getsAPlainAck_anUnsignedOne_401() {
        SlackSignatureCheck check = at(1531420618L);
        UnaryOperator<String> retry = headers(SlackSignatureCheck.TIMESTAMP_HEADER, TIMESTAMP,
                SlackSignatureCheck.SIGNATURE_HEADER, SIGNATURE, SlackSignatureCheck.RETRY_HEADER, "1");

        assertEquals(Optional.of(new SlackSignatureCheck.Answer(200, "")), check.answerBeforeBolt("POST", retry, BODY));
        assertEquals(401, check.answerBeforeBolt("POST", headers(SlackSignatureCheck.RETRY_HEADER, "1"), BODY)
                .orElseThrow().status());
    }

    @Test
    void replayOnceTheTimestampIsStale_isRefusedAsStale_andForgottenMeanwhile() {
        AtomicLong now = new AtomicLong(1531420618L);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(now.get());
            }
        };
        SlackSignatureCheck check = new SlackSignatureCheck(SECRET, clock);
        assertEquals(Optional.empty(), check.answerBeforeBolt("POST", signed(TIMESTAMP, SIGNATURE), BODY));

        now.addAndGet(SlackSignatureCheck.TOLERANCE_SECONDS + 1);
        assertEquals(401, check.answerBeforeBolt("POST", signed(TIMESTAMP, SIGNATURE), BODY).orElseThrow().status());
    }

    @Test
    void acceptedRequests_forgetTheStale_andHoldNoMoreThanTheirCapacity() {
        AcceptedRequests accepted = new AcceptedRequests(3);
        for (int i = 0; i < 5; i++) {
            assertTrue(accepted.firstTime("r" + i, 1000, 100));
        }
        assertEquals(3, accepted.size());
        assertTrue(accepted.firstTime("r0", 1000, 100), "the oldest went first");

        assertTrue(accepted.firstTime("fresh", 2000, 1001));
        assertEquals(1, accepted.size(), "those current until 1000 are stale at 1001");
    }
}
