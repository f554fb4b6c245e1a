package dev.hmac.api;

import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.Signature;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The REST contract, {@code POST /signature}, independent of how HTTP arrives (API Gateway or the local server).
 * Bad input always gets a 4xx with a JSON error; nothing here ever puts the client secret in a response.
 */
public final class SignatureEndpoint {
    public static final String PATH = "/signature";
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Set<String> KNOWN = Set.of(Field.CALLBACK.key(), Field.CLIENT_ID.key(),
            Field.CLIENT_SECRET.key(), Field.TIMESTAMP.key());
    private static final String SHAPE = "Send a JSON object with callback, clientid, clientsecret and, optionally, "
            + "timestamp.";

    private final Signer signer;

    public SignatureEndpoint(Signer signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** Routes one HTTP request: only {@code POST /signature} exists. */
    public ApiResponse handle(String method, String path, byte[] body) {
        if (!PATH.equals(path)) {
            return ApiResponse.error(404, "Not found. This API has one endpoint: POST /signature.");
        }
        if (!"POST".equals(method)) {
            return ApiResponse.error(405, "Method not allowed. Use POST /signature.").withHeader("Allow", "POST");
        }
        return sign(body);
    }

    /** The body of {@code POST /signature}. */
    public ApiResponse sign(byte[] body) {
        if (body == null || body.length == 0) {
            return ApiResponse.error(400, "The request body is empty. " + SHAPE);
        }
        if (body.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (JsonException e) {
            return ApiResponse.error(400, "The request body is not valid JSON (" + e.getMessage() + "). " + SHAPE);
        }
        if (!(parsed instanceof Map)) {
            return ApiResponse.error(400, "The request body must be a JSON object. " + SHAPE);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        return sign(object);
    }

    /** Signs an already parsed object, as the Lambda console's direct test event sends it. */
    public ApiResponse sign(Map<String, Object> object) {
        for (String name : object.keySet()) {
            if (!KNOWN.contains(name)) {
                return ApiResponse.error(400, unknownField(name));
            }
        }
        SignatureRequest request;
        try {
            request = SignatureRequest.of(text(object, Field.CALLBACK), text(object, Field.CLIENT_ID),
                    text(object, Field.CLIENT_SECRET), object.get(Field.TIMESTAMP.key()));
        } catch (InvalidRequestException e) {
            return ApiResponse.invalid(e.errors());
        } catch (NotText e) {
            return ApiResponse.invalid(List.of(new FieldError(e.field, e.field.label() + " must be text (a JSON string).")));
        }
        Signature signature = signer.sign(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callback", signature.callback());
        body.put("clientid", signature.clientId());
        body.put("timestamp", signature.timestamp());
        body.put("signature", signature.signature());
        return ApiResponse.ok(body);
    }

    public static ApiResponse tooLarge() {
        return ApiResponse.error(413, "The request body is too large: at most 16 KiB.");
    }

    private static String text(Map<String, Object> object, Field field) {
        Object value = object.get(field.key());
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new NotText(field);
    }

    /**
     * Names the unknown field only when it is a near miss of a known one (clientSecret, client_id): the name of
     * an arbitrary field could be anything a user pasted, and we don't echo input.
     */
    private static String unknownField(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (KNOWN.contains(folded)) {
            return "Unknown field \"" + name + "\": did you mean \"" + folded + "\"? Field names are lowercase.";
        }
        return "The request has a field this API does not know. " + SHAPE;
    }

    /** A required field that is present but not a JSON string. */
    private static final class NotText extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Field field;

        NotText(Field field) {
            super(null, null, false, false);
            this.field = field;
        }
    }
}
