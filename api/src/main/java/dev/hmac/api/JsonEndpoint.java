package dev.hmac.api;

import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.audit.AuditEvent;
import java.util.Map;

/**
 * An endpoint whose body is a JSON object of known fields: the body is read, or refused with its 4xx, and a broken
 * rule is answered for it (400, by field). Every answer but a refusal to try (busy) carries its audit event: an
 * invalid request too, with the fields at fault. No lambdas: the REST function's cold start pays for each one's set-up.
 */
abstract class JsonEndpoint {
    private final JsonRequest.Shape shape;
    private final AuditEvent.Kind kind;

    JsonEndpoint(JsonRequest.Shape shape, AuditEvent.Kind kind) {
        this.shape = shape;
        this.kind = kind;
    }

    /** What the endpoint answers to a request it could read, with its audit event. */
    abstract ApiResponse reply(JsonRequest request) throws JsonRequest.Refused, InvalidRequestException;

    /** The answer to a body, or the 4xx that refuses it. */
    final ApiResponse answer(byte[] body) {
        Map<String, Object> object;
        try {
            object = JsonRequest.object(body, shape);
        } catch (JsonRequest.Refused e) {
            return e.response().withAudit(AuditEvent.invalid(kind, e.errors()));
        }
        return answer(object);
    }

    /** The answer to an object already parsed (the Lambda console's direct test event sends one). */
    final ApiResponse answer(Map<String, Object> object) {
        try {
            return reply(JsonRequest.of(object, shape));
        } catch (JsonRequest.Refused e) {
            return e.response().withAudit(AuditEvent.invalid(kind, e.errors()));
        } catch (InvalidRequestException e) {
            return ApiResponse.invalid(e.errors()).withAudit(AuditEvent.invalid(kind, e.errors()));
        }
    }
}
