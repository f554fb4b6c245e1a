package dev.hmac.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.slack.api.app_backend.SlackSignature;
import org.junit.jupiter.api.Test;

class BoltSignatureGeneratorTest {
    /** Slack's published example (docs: "Verifying requests from Slack"). */
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @Test
    void slacksPublishedExample_givesSlacksSignature_asBoltsOwnGeneratorDoes() {
        assertEquals(SIGNATURE, new BoltSignatureGenerator(SECRET).generate(TIMESTAMP, BODY));
        assertEquals(SIGNATURE, new SlackSignature.Generator(SECRET).generate(TIMESTAMP, BODY));
    }

    @Test
    void boltsVerifier_acceptsItsSignatures_andRefusesOthers() {
        SlackSignature.Verifier verifier = new SlackSignature.Verifier(new BoltSignatureGenerator(SECRET));
        long at = 1531420618_000L;

        assertEquals(true, verifier.isValid(TIMESTAMP, BODY, SIGNATURE, at));
        assertEquals(false, verifier.isValid(TIMESTAMP, BODY + "&x=1", SIGNATURE, at));
    }

    @Test
    void noTimestamp_givesNoSignature_asBoltsOwnGeneratorDoes() {
        assertNull(new BoltSignatureGenerator(SECRET).generate(null, BODY));
    }
}
