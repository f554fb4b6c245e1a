package dev.hmac.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.app_backend.SlackSignature;
import dev.hmac.bot.SlackSignatureCheck.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
}
