package dev.hmac.bot.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.json.Json;
import dev.hmac.core.verify.Cause;
import dev.hmac.core.verify.Explanation;
import dev.hmac.core.verify.MessageToSign;
import dev.hmac.core.verify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictReplyTest {
    private static final String SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    private static Verdict verdict(String callback, String clientId, List<Explanation> explanations) {
        return new Verdict(explanations.isEmpty(), callback, clientId, "1444762678", Algorithm.SHA256, Encoding.BASE64,
                SIGNATURE, new MessageToSign("«client secret, 16 characters» + " + callback + " + " + clientId
                + " + 1444762678", 77), explanations, true);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> blocks(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("blocks");
    }

    @Test
    void match_saysSoFirst_thenTheSignatureItsFactsAndTheStringSigned() {
        Map<String, Object> message = VerdictReply.message(verdict("https://apoorva.com", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ",
                List.of()));
        String json = Json.write(message);

        assertEquals("ephemeral", message.get("response_type"));
        assertEquals("The signature matches.", message.get("text"));
        assertTrue(Json.write(blocks(message).get(0)).contains(":white_check_mark: *It matches.*"), json);
        assertTrue(json.contains("```" + SIGNATURE + "```"), json);
        assertTrue(json.contains("2015-10-13 18:57:58 UTC"), json);
        assertTrue(json.contains("HMAC-SHA256"), json);
        assertTrue(json.contains("(77 bytes in UTF-8)"), json);
    }

    @Test
    void mismatch_listsEachCauseUnderItsHeading_inOrder() {
        Map<String, Object> message = VerdictReply.message(verdict("https://apoorva.com", "id", List.of(
                new Explanation(Cause.ENCODING, "Written in hex.", Map.of()),
                new Explanation(Cause.WHITESPACE, "A line break at the end of the client secret.", Map.of()))));

        assertEquals("The signature does not match (encoding, whitespace).", message.get("text"));
        assertTrue(Json.write(blocks(message).get(0)).contains(":x: *No match.*"));
        assertTrue(Json.write(blocks(message).get(1)).contains("*Encoding*\\nWritten in hex."));
        assertTrue(Json.write(blocks(message).get(2)).contains("*Whitespace*\\nA line break"));
        assertTrue(Json.write(message).contains("The signature Apigee expects"));
    }

    @Test
    void longestInputsAndManyLongExplanations_stayWithinBlockKitsLimits() {
        List<Explanation> explanations = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            explanations.add(new Explanation(Cause.values()[i % Cause.values().length], "<&>".repeat(2000), Map.of()));
        }
        // Ampersands escape to five characters each: the longest callback is 10,000 characters in mrkdwn.
        Verdict verdict = verdict("https://a.example/?" + "&".repeat(2029), "&".repeat(256), explanations);

        for (Map<String, Object> view : List.of(VerdictReply.message(verdict), VerdictReply.modal(verdict))) {
            List<Map<String, Object>> blocks = blocks(view);
            assertTrue(blocks.size() <= 50, blocks.size() + " blocks");
            for (Map<String, Object> block : blocks) {
                Object text = block.get("text");
                if (text != null) {
                    assertTrue(((String) ((Map<?, ?>) text).get("text")).length() <= 3000,
                            () -> Json.write(block).substring(0, 80));
                }
                if (block.get("fields") != null) {
                    for (Object field : (List<?>) block.get("fields")) {
                        assertTrue(((String) ((Map<?, ?>) field).get("text")).length() <= 2000);
                    }
                }
            }
            assertTrue(Json.write(view).contains("… and "), "the explanations that don't fit are counted");
        }
    }

    @Test
    void searchStoppedAtItsLimit_saysSo_andThatATimestampHelps() {
        Verdict stopped = new Verdict(false, "https://apoorva.com", "id", "1444762678", Algorithm.SHA256, Encoding.BASE64,
                SIGNATURE, new MessageToSign("«client secret, 16 characters» + https://apoorva.com + id + 1444762678", 59),
                List.of(new Explanation(Cause.UNEXPLAINED, "The search stopped at its time limit.", Map.of())), false);

        assertTrue(Json.write(VerdictReply.message(stopped)).contains("give the one that was sent with the signature"));
        assertTrue(!Json.write(VerdictReply.message(verdict("https://apoorva.com", "id", List.of())))
                .contains(":hourglass:"));
    }

    @Test
    void userValues_areEscapedForMrkdwn_andCutBetweenEscapes() {
        String json = Json.write(VerdictReply.message(verdict("https://a.example/?a=1&b=<2>", "id", List.of())));

        assertTrue(json.contains("https://a.example/?a=1\\u0026amp;b=\\u0026lt;2\\u0026gt;"), json);
        assertEquals("&amp;&amp;…", Blocks.escape("&&&", 12));
        assertEquals("a\uD83D\uDD11…", Blocks.escape("a\uD83D\uDD11\uD83D\uDD11", 4));
    }
}
