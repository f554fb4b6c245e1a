package dev.hmac.api.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.hmac.api.ApiResponse;
import dev.hmac.api.RestApi;
import dev.hmac.api.SignatureEndpoint;
import dev.hmac.api.VerificationEndpoint;
import dev.hmac.aws.ApiGatewayEvent;
import dev.hmac.aws.AuditLines;
import dev.hmac.aws.JsonLog;
import dev.hmac.aws.ProxyResponse;
import dev.hmac.core.FailureTrace;
import dev.hmac.core.Signer;
import dev.hmac.core.audit.Actor;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.audit.Caller;
import dev.hmac.core.audit.Surface;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.core.verify.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The REST Lambda: answers API Gateway proxy events for {@code POST /signature} and {@code POST /verify}, and a
 * direct invocation with a bare {@code {"callback", "clientid", "clientsecret"}} object as the original was tested in
 * the console (signing).
 *
 * <p>Checks run without a {@code VerificationLimiter}: an execution environment serves one request at a time, so
 * a search never competes with another here, and API Gateway's usage plan bounds the rate.
 *
 * <p>Every signing and check, valid or not, gets its audit line: the caller is API Gateway's API key id and source
 * address, the request API Gateway's {@code requestContext.requestId}, and the form's own request id when it signs
 * through here ({@value Caller#REQUEST_ID_HEADER}).
 *
 * <p>A stream handler, not a POJO one: the runtime's reflective event deserialization is the largest part of
 * a cold start, and it silently drops {@code isBase64Encoded}.
 */
public final class SignatureHandler implements RequestStreamHandler {
    /** API Gateway's own event limit is 10 MB; anything bigger is not an API Gateway event. */
    private static final int MAX_EVENT_BYTES = 12 * 1024 * 1024;

    private final RestApi api;
    private final JsonLog log;
    private final AuditTrail audit;

    public SignatureHandler() {
        this(new RestApi(new SignatureEndpoint(new Signer()), new VerificationEndpoint(new Verifier())),
                JsonLog.STANDARD_OUTPUT, AuditLines.STANDARD_OUTPUT);
    }

    SignatureHandler(RestApi api, JsonLog log, AuditTrail audit) {
        this.api = api;
        this.log = log;
        this.audit = audit;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(MAX_EVENT_BYTES);
        String requestId = context == null ? null : context.getAwsRequestId();
        log.requestId(requestId);
        byte[] reply;
        try {
            reply = handle(event, requestId);
        } catch (RuntimeException e) {
            log.error("unexpected failure: " + FailureTrace.of(e));
            reply = proxyReply(ApiResponse.error(500, "Internal error. Please try again."));
        } finally {
            log.requestId(null);
        }
        output.write(reply);
    }

    /** @param lambdaRequestId the invocation's id, for a direct invocation's audit line (it has no other) */
    byte[] handle(byte[] eventBytes, String lambdaRequestId) {
        Object event;
        try {
            event = Json.parse(eventBytes);
        } catch (JsonException e) {
            log.warn("event is not JSON");
            return utf8(ApiResponse.error(400, "The event is not valid JSON.").body());
        }
        if (!(event instanceof Map)) {
            log.warn("event is not a JSON object");
            return utf8(ApiResponse.error(400, "The event must be a JSON object.").body());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) event;
        Optional<ApiGatewayEvent> http;
        try {
            http = ApiGatewayEvent.read(map, RestApi.MAX_BODY_BYTES);
        } catch (ApiGatewayEvent.Refused e) {
            ApiResponse refusal = e.problem() == ApiGatewayEvent.Problem.BODY_TOO_LARGE
                    ? RestApi.tooLarge()
                    : ApiResponse.error(400, "The request body is not valid base64.");
            log("HTTP", refusal);
            return proxyReply(refusal);
        }
        if (http.isEmpty()) {
            ApiResponse response = api.sign(map);
            log("direct invocation", response);
            audit(new Caller(Surface.REST, Actor.directInvocation(), lambdaRequestId, null), response);
            return utf8(response.body());
        }
        ApiGatewayEvent request = http.get();
        // resource is the route template, immune to custom-domain base paths; path is the literal path.
        String path = RestApi.isPath(request.resource()) ? request.resource() : request.path();
        ApiResponse response = api.handle(request.method(), path, request.body());
        // A path comes from the client and may hold anything it typed: only ours is logged.
        log(request.method() + " " + (RestApi.isPath(path) ? path : "(another path)"), response);
        audit(new Caller(Surface.REST, Actor.apiKey(request.apiKeyId(), request.sourceIp()),
                request.requestId() != null ? request.requestId() : lambdaRequestId,
                Caller.forwarded(request.header(Caller.REQUEST_ID_HEADER))), response);
        return proxyReply(response);
    }

    private void audit(Caller caller, ApiResponse response) {
        if (response.audit() != null) {
            audit.record(caller, response.audit());
        }
    }

    private static byte[] proxyReply(ApiResponse response) {
        return ProxyResponse.write(response.status(), response.headers(), response.body());
    }

    /** Status and the field at fault: never a body, which holds the secret. */
    private void log(String what, ApiResponse response) {
        StringBuilder sb = new StringBuilder();
        // The method comes from the client: keep it to one short printable line.
        for (int i = 0; i < Math.min(what.length(), 120); i++) {
            char c = what.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        sb.append(" -> ").append(response.status());
        log.log(response.status() < 400 ? JsonLog.Level.INFO : JsonLog.Level.WARN, null, sb.toString(),
                response.field() != null ? Map.of("field", response.field()) : Map.of());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
