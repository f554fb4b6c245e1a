package dev.hmac.bot.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignModalTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> blocks(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("blocks");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> element(Map<String, Object> block) {
        return (Map<String, Object>) block.get("element");
    }

    @Test
    void modal_hasTitleSubmitAndFourInputsWithIdsMatchingTheCoreFields() {
        Map<String, Object> view = SignModal.build(null, null, "{}");

        assertEquals("modal", view.get("type"));
        assertEquals("hmac_sign", view.get("callback_id"));
        assertEquals(Map.of("type", "plain_text", "text", "HMAC signature"), view.get("title"));
        assertEquals(Map.of("type", "plain_text", "text", "Sign"), view.get("submit"));
        List<Map<String, Object>> inputs = blocks(view).stream().filter(b -> "input".equals(b.get("type"))).toList();
        assertEquals(List.of("callback", "clientid", "clientsecret", "timestamp"),
                inputs.stream().map(b -> b.get("block_id")).toList());
        assertEquals(List.of("callback_input", "clientid_input", "clientsecret_input", "timestamp_input"),
                inputs.stream().map(b -> element(b).get("action_id")).toList());
        assertEquals(Boolean.TRUE, inputs.get(3).get("optional"));
        assertNull(inputs.get(0).get("optional"));
    }

    @Test
    void secretInput_saysItIsVisibleAndNeverStored() {
        Map<String, Object> secret = blocks(SignModal.build(null, null, "{}")).get(3);

        String hint = (String) ((Map<?, ?>) secret.get("hint")).get("text");
        assertTrue(hint.startsWith("Visible while you type."));
        assertTrue(hint.contains("never stored, logged or shown back"));
    }

    @Test
    void prefill_setsCallbackAndClientIdButNeverTheSecret() {
        List<Map<String, Object>> blocks = blocks(SignModal.build("https://apoorva.com", "my-id", "{\"response_url\":\"x\"}"));

        assertEquals("https://apoorva.com", element(blocks.get(1)).get("initial_value"));
        assertEquals("my-id", element(blocks.get(2)).get("initial_value"));
        assertFalse(element(blocks.get(3)).containsKey("initial_value"));
        assertFalse(element(blocks.get(4)).containsKey("initial_value"));
    }

    @Test
    void privateMetadata_isCarriedAndTheWholeViewIsValidJson() throws Exception {
        Map<String, Object> view = SignModal.build(null, null, "{\"response_url\":\"https://hooks.slack.com/x\"}");

        Map<?, ?> parsed = (Map<?, ?>) Json.parse(Json.write(view));
        assertEquals("{\"response_url\":\"https://hooks.slack.com/x\"}", parsed.get("private_metadata"));
    }
}
