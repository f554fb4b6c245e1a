package dev.hmac.bot;

import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the modal carries from the command to its submission, in the view's private_metadata: where to answer.
 *
 * @param responseUrl the command's response_url (works in any conversation for 30 minutes)
 * @param channelId the conversation the command came from
 */
public record PrivateMetadata(String responseUrl, String channelId) {

    public String toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("response_url", responseUrl);
        map.put("channel_id", channelId);
        return Json.write(map);
    }

    /** Lenient: a missing or malformed value means "no response_url", and the result is shown in the modal. */
    public static PrivateMetadata parse(String json) {
        if (json == null || json.isEmpty()) {
            return new PrivateMetadata(null, null);
        }
        try {
            Object parsed = Json.parse(json);
            if (parsed instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) parsed;
                return new PrivateMetadata(string(map.get("response_url")), string(map.get("channel_id")));
            }
        } catch (JsonException e) {
            // fall through
        }
        return new PrivateMetadata(null, null);
    }

    private static String string(Object value) {
        return value instanceof String ? (String) value : null;
    }
}
