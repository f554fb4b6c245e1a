package dev.hmac.bot.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.SlackSignatureCheck;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void snapStartAndProvisionedInits_arePrimed_onDemandOnesAreNot() {
        assertTrue(Priming.aheadOfTraffic(Map.of(Priming.INITIALIZATION_TYPE, "snap-start")));
        assertTrue(Priming.aheadOfTraffic(Map.of(Priming.INITIALIZATION_TYPE, "provisioned-concurrency")));
        assertFalse(Priming.aheadOfTraffic(Map.of(Priming.INITIALIZATION_TYPE, "on-demand")));
        assertFalse(Priming.aheadOfTraffic(Map.of()));
    }

    @Test
    void helpEvent_isSignedAsSlackSignsRequests() throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

        Map<?, ?> event = (Map<?, ?>) Json.parse(
                new String(new Priming(SlackRequests.SIGNING_SECRET, clock).helpEvent(), StandardCharsets.UTF_8));

        Map<?, ?> headers = (Map<?, ?>) event.get("headers");
        String body = (String) event.get("body");
        assertTrue(body.contains("command=%2Fhmac&text=help"), body);
        assertEquals(SlackRequests.sign(body, 1_700_000_000L).signature(), headers.get(SlackSignatureCheck.SIGNATURE_HEADER));
        assertEquals(SlackSignatureCheck.Outcome.VALID, new SlackSignatureCheck(SlackRequests.SIGNING_SECRET, clock)
                .verify((String) headers.get(SlackSignatureCheck.TIMESTAMP_HEADER),
                        (String) headers.get(SlackSignatureCheck.SIGNATURE_HEADER), body.getBytes(StandardCharsets.UTF_8)));
    }
}
