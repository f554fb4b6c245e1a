package dev.hmac.bot.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.Signature;
import dev.hmac.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureReplyTest {
    private static final Signature SIGNATURE = new Signature("https://apoorva.com/cb?a=1&b=<2>",
            "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "1444762678", "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=");

    @Test
    void message_isEphemeralWithSignatureInACodeBlockAndTheUtcTime() {
        Map<String, Object> message = SignatureReply.message(SIGNATURE);
        String json = Json.write(message);

        assertEquals("ephemeral", message.get("response_type"));
        assertTrue(json.contains("```WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=```"));
        assertTrue(json.contains("*Timestamp*\\n`1444762678`"));
        assertTrue(json.contains("2015-10-13 18:57:58 UTC"));
        assertTrue(json.contains("`LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ`"));
    }

    @Test
    void userValues_areEscapedForMrkdwn() {
        String json = Json.write(SignatureReply.message(SIGNATURE));

        assertTrue(json.contains("https://apoorva.com/cb?a=1\\u0026amp;b=\\u0026lt;2\\u0026gt;"), json);
    }

    @Test
    void longestCallbackOfAmpersands_staysWithinASectionsLimit() {
        Signature signature = new Signature("https://a.example/?" + "&".repeat(2029), "&".repeat(256), "1444762678",
                "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=");

        @SuppressWarnings("unchecked")
        java.util.List<Map<String, Object>> blocks = (java.util.List<Map<String, Object>>) SignatureReply.message(signature)
                .get("blocks");

        for (Map<String, Object> block : blocks) {
            if (block.get("text") != null) {
                assertTrue(((String) ((Map<?, ?>) block.get("text")).get("text")).length() <= 3000);
            }
        }
    }

    @Test
    void resultModal_showsTheSameWithADoneButton() {
        Map<String, Object> modal = SignatureReply.modal(SIGNATURE);

        assertEquals("modal", modal.get("type"));
        assertEquals("hmac_result", modal.get("callback_id"));
        assertEquals(Map.of("type", "plain_text", "text", "Done"), modal.get("close"));
        assertTrue(Json.write(modal).contains("```WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=```"));
    }
}
