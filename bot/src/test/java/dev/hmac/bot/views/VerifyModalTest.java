package dev.hmac.bot.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyModalTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> blocks(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("blocks");
    }

    private static Map<?, ?> element(Map<String, Object> block) {
        return (Map<?, ?>) block.get("element");
    }

    @Test
    void modal_isCheckASignature_withTheSigningInputsAndTheSignature() {
        Map<String, Object> view = VerifyModal.build(null, null, List.of(), "{}");

        assertEquals("hmac_verify", view.get("callback_id"));
        assertEquals(Map.of("type", "plain_text", "text", "Check a signature"), view.get("title"));
        assertEquals(Map.of("type", "plain_text", "text", "Check"), view.get("submit"));
        List<Map<String, Object>> inputs = blocks(view).stream().filter(b -> "input".equals(b.get("type"))).toList();
        assertEquals(List.of("callback", "clientid", "clientsecret", "timestamp", "signature"),
                inputs.stream().map(b -> b.get("block_id")).toList());
        assertEquals(13, element(inputs.get(3)).get("max_length"), "a timestamp in milliseconds is explained");
        assertEquals(Boolean.TRUE, inputs.get(3).get("optional"));
        assertEquals(1024, element(inputs.get(4)).get("max_length"));
        assertFalse(inputs.get(4).containsKey("optional"));
        assertTrue(((String) ((Map<?, ?>) inputs.get(2).get("hint")).get("text")).contains("never stored, logged or shown back"));
    }

    @Test
    void problems_showAboveTheirFields_andUnshowableValuesAreNotPrefilled() {
        List<Map<String, Object>> blocks = blocks(VerifyModal.build("example.com", "id\u0001", List.of(
                new FieldError(Field.CALLBACK, "Callback URL must be a full web address."),
                new FieldError(Field.CLIENT_ID, "Client ID must not contain control characters.")), "{}"));

        assertEquals("context", blocks.get(1).get("type"));
        assertTrue(Json.write(blocks.get(1)).contains(":warning: Callback URL must be a full web address."));
        assertEquals("example.com", element(blocks.get(2)).get("initial_value"));
        assertEquals("context", blocks.get(3).get("type"));
        assertFalse(element(blocks.get(4)).containsKey("initial_value"), "a control character can't be shown");
    }
}
