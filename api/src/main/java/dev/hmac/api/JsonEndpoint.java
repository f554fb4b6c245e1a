package dev.hmac.api;

import dev.hmac.core.InvalidRequestException;
import java.util.Map;

/**
 * An endpoint whose body is a JSON object of known fields: the body is read, or refused with its 4xx, and a broken
 * rule is answered for it (400, by field). No lambdas: the REST function's cold start pays for each one's set-up.
 */
abstract class JsonEndpoint {
    private final JsonRequest.Shape shape;

    JsonEndpoint(JsonRequest.Shape shape) {
        this.shape = shape;
    }

    /** What the endpoint answers to a request it could read. */
    abstract ApiResponse reply(JsonRequest request) throws JsonRequest.Refused, InvalidRequestException;

    /** The answer to a body, or the 4xx that refuses it. */
    final ApiResponse answer(byte[] body) {
        Map<String, Object> object;
        try {
            object = JsonRequest.object(body, shape);
        } catch (JsonRequest.Refused e) {
            return e.response();
        }
        return answer(object);
    }

    /** The answer to an object already parsed (the Lambda console's direct test event sends one). */
    final ApiResponse answer(Map<String, Object> object) {
        try {
            return reply(JsonRequest.of(object, shape));
        } catch (JsonRequest.Refused e) {
            return e.response();
        } catch (InvalidRequestException e) {
            return ApiResponse.invalid(e.errors());
        }
    }
}
