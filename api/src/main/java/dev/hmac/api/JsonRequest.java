package dev.hmac.api;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A request body read as the JSON object one endpoint takes: the fields it knows, each text or absent. Whatever
 * else arrives is refused with the 400 or 413 that answers it, in words that never quote the input.
 */
final class JsonRequest {
    private final Map<String, Object> object;

    /** The body can't be used; {@link #response()} says why. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ApiResponse response;
        private final transient List<FieldError> errors;

        Refused(ApiResponse response) {
            this(response, List.of());
        }

        /** @param errors the fields at fault, when it is about fields rather than the body */
        Refused(ApiResponse response, List<FieldError> errors) {
            super(null, null, false, false);
            this.response = response;
            this.errors = errors;
        }

        ApiResponse response() {
            return response;
        }

        List<FieldError> errors() {
            return errors;
        }
    }

    /** What one endpoint takes, and how to say so. */
    record Shape(Set<String> keys, String description, Map<String, String> misplaced) {
        /**
         * @param description what to send, for error messages
         * @param misplaced a hint for a field another endpoint takes, by its name
         */
        static Shape of(List<Field> fields, String description, Map<String, String> misplaced) {
            Set<String> keys = new HashSet<>();
            for (Field field : fields) {
                keys.add(field.key());
            }
            return new Shape(Set.copyOf(keys), description, misplaced);
        }
    }

    private JsonRequest(Map<String, Object> object) {
        this.object = object;
    }

    /** The body's JSON object, not yet checked for unknown fields ({@link #of} does). */
    static Map<String, Object> object(byte[] body, Shape shape) throws Refused {
        if (body == null || body.length == 0) {
            throw new Refused(ApiResponse.error(400, "The request body is empty. " + shape.description()));
        }
        if (body.length > RestApi.MAX_BODY_BYTES) {
            throw new Refused(RestApi.tooLarge());
        }
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (JsonException e) {
            throw new Refused(ApiResponse.error(400, "The request body is not valid JSON (" + e.getMessage() + "). "
                    + shape.description()));
        }
        if (!(parsed instanceof Map)) {
            throw new Refused(ApiResponse.error(400, "The request body must be a JSON object. " + shape.description()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        return object;
    }

    /** The request in an object: refused when it has a field the endpoint does not take. */
    static JsonRequest of(Map<String, Object> object, Shape shape) throws Refused {
        for (String name : object.keySet()) {
            if (!shape.keys().contains(name)) {
                throw new Refused(ApiResponse.error(400, unknownField(name, shape)));
            }
        }
        return new JsonRequest(object);
    }

    /** The field as text, or null when absent. */
    String text(Field field) throws Refused {
        Object value = object.get(field.key());
        if (value == null || value instanceof String) {
            return (String) value;
        }
        List<FieldError> errors = List.of(new FieldError(field, field.label() + " must be text (a JSON string)."));
        throw new Refused(ApiResponse.invalid(errors), errors);
    }

    /** The field as it came: the timestamp may be a number. */
    Object value(Field field) {
        return object.get(field.key());
    }

    /**
     * Names the unknown field only when it is one of ours (a near miss such as clientSecret, or a field of the other
     * endpoint): the name of an arbitrary field could be anything a user pasted, and we don't echo input.
     */
    private static String unknownField(String name, Shape shape) {
        if (shape.misplaced().containsKey(name)) {
            return shape.misplaced().get(name);
        }
        String folded = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (shape.keys().contains(folded)) {
            return "Unknown field \"" + name + "\": did you mean \"" + folded + "\"? Field names are lowercase.";
        }
        return "The request has a field this API does not know. " + shape.description();
    }
}
