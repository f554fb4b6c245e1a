package dev.hmac.api.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.hmac.api.ApiResponse;
import dev.hmac.api.SignatureEndpoint;
import dev.hmac.core.Failures;
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The REST Lambda: answers API Gateway proxy events for {@code POST /signature}, and a direct invocation with a
 * bare {@code {"callback", "clientid", "clientsecret"}} object as the original was tested in the console.
 *
 * <p>A stream handler, not a POJO one: the runtime's reflective event deserialization is the largest part of
 * a cold start, and it silently drops {@code isBase64Encoded}.
 */
public final class SignatureHandler implements RequestStreamHandler {
    /** API Gateway's own event limit is 10 MB; anything bigger is not an API Gateway event. */
    private static final int MAX_EVENT_BYTES = 12 * 1024 * 1024;

    private final SignatureEndpoint endpoint;

    public SignatureHandler() {
        this(new SignatureEndpoint(new Signer()));
    }

    SignatureHandler(SignatureEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(MAX_EVENT_BYTES);
        String reply;
        try {
            reply = handle(event, STDOUT);
        } catch (RuntimeException e) {
            STDOUT.log("ERROR unexpected failure: " + Failures.describe(e));
            reply = proxyReply(ApiResponse.error(500, "Internal error. Please try again."));
        }
        output.write(reply.getBytes(StandardCharsets.UTF_8));
    }

    String handle(byte[] eventBytes, LambdaLogger log) {
        Object event;
        try {
            event = Json.parse(eventBytes);
        } catch (JsonException e) {
            log.log("WARN event is not JSON");
            return ApiResponse.error(400, "The event is not valid JSON.").body();
        }
        if (!(event instanceof Map)) {
            log.log("WARN event is not a JSON object");
            return ApiResponse.error(400, "The event must be a JSON object.").body();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) event;
        HttpEvent http;
        try {
            http = HttpEvent.from(map);
        } catch (HttpEvent.BadEvent e) {
            log.log(line("HTTP", e.response));
            return proxyReply(e.response);
        }
        if (http == null) {
            ApiResponse response = endpoint.sign(map);
            log.log(line("direct invocation", response));
            return response.body();
        }
        ApiResponse response = endpoint.handle(http.method(), http.path(), http.body());
        // A path comes from the client and may hold anything it typed: only ours is logged.
        log.log(line(http.method() + " " + (SignatureEndpoint.PATH.equals(http.path()) ? http.path() : "(another path)"),
                response));
        return proxyReply(response);
    }

    private static String proxyReply(ApiResponse response) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("statusCode", response.status());
        reply.put("headers", response.headers());
        reply.put("body", response.body());
        reply.put("isBase64Encoded", false);
        return Json.write(reply);
    }

    /** Status and the field at fault: never a body, which holds the secret. */
    private static String line(String what, ApiResponse response) {
        StringBuilder sb = new StringBuilder(response.status() < 400 ? "INFO " : "WARN ");
        // The method comes from the client: keep it to one short printable line.
        for (int i = 0; i < Math.min(what.length(), 120); i++) {
            char c = what.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.append(" -> ").append(response.status())
                + (response.field() != null ? " field=" + response.field() : "");
    }

    /**
     * One line per message on standard output, which Lambda turns into one log event per line. Not the context's
     * LambdaLogger: it adds no line break, so outside Lambda's framed log channel its messages run together.
     */
    private static final LambdaLogger STDOUT = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.out.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.println(new String(message, StandardCharsets.UTF_8));
        }
    };
}
