package dev.hmac.tests.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.testing.Canary;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.core.json.Json;
import dev.hmac.tests.ServerProcess;
import dev.hmac.tests.lambda.LambdaProcess;
import dev.hmac.tests.lambda.RuntimeApiServer;
import dev.hmac.tests.lambda.RuntimeApiServer.Outcome;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST surface with a canary client secret, on success and on every way to fail: the api jar under the real
 * Lambda runtime interface client fed API Gateway events, and the server jar's {@code POST /signature}. Every
 * answer and every log line is searched for the canary.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RestCanaryIT {
    private static final String SECRET = Canary.SECRET;
    private static final String HANDLER = "dev.hmac.api.lambda.SignatureHandler::handleRequest";
    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private static String request(String callback, Object secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callback", callback);
        body.put("clientid", "client-id");
        body.put("clientsecret", secret);
        return Json.write(body);
    }

    private static String valid() {
        return request("https://a.example/cb", SECRET);
    }

    /** Bodies that fail, each with the canary in it somewhere, and the status they get. */
    private static Map<String, Integer> failingBodies() {
        Map<String, Integer> bodies = new LinkedHashMap<>();
        bodies.put(request("a.example/cb", SECRET), 400);
        bodies.put(request("https://a.example/cb", SECRET.repeat(12)), 400);
        bodies.put(request("https://a.example/cb", SECRET + "\t" + SECRET), 400);
        bodies.put(request("https://a.example/cb", List.of(SECRET)), 400);
        bodies.put(valid().replace("}", ",\"note\":\"" + SECRET + "\"}"), 400);
        bodies.put(valid().replace("\"clientsecret\"", "\"clientSecret\""), 400);
        bodies.put(valid().replace("\"clientsecret\"", "\"" + SECRET + "\""), 400);
        bodies.put(valid().substring(0, valid().length() - 3), 400);
        bodies.put("clientsecret=" + SECRET, 400);
        bodies.put("[\"" + SECRET + "\"]", 400);
        bodies.put(request("https://a.example/cb", SECRET).replace("}", ",\"timestamp\":\"" + SECRET + "\"}"), 400);
        bodies.put("{\"clientsecret\":\"" + SECRET.repeat(2000) + "\"}", 413);
        return bodies;
    }

    @Test
    void restLambda_underTheRuntimeClient_neverAnswersOrLogsTheSecret(@TempDir Path taskRoot) throws Exception {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("REST API event", rest("POST", "/signature", valid(), false), 200));
        cases.add(new Case("REST API event, base64 body", rest("POST", "/signature", valid(), true), 200));
        cases.add(new Case("REST API event, secret in the query too", restWithQuery(valid()), 200));
        cases.add(new Case("HTTP API 2.0 event, base64 body", httpApi(valid()), 200));
        cases.add(new Case("direct invocation (the console's sample)", valid(), 200));
        failingBodies().forEach((body, status) -> {
            cases.add(new Case("REST API event: " + status, rest("POST", "/signature", body, false), status));
            cases.add(new Case("REST API event, base64: " + status, rest("POST", "/signature", body, true), status));
        });
        cases.add(new Case("direct invocation, invalid callback", request("a.example", SECRET), 400));
        cases.add(new Case("direct invocation, unknown field",
                valid().replace("}", ",\"x\":\"" + SECRET + "\"}"), 400));
        cases.add(new Case("body not base64", rest("POST", "/signature", valid(), false)
                .replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true"), 400));
        cases.add(new Case("body not UTF-8", restBytes(invalidUtf8()), 400));
        cases.add(new Case("GET", rest("GET", "/signature", valid(), false), 405));
        cases.add(new Case("another path", rest("POST", "/other", valid(), false), 404));
        cases.add(new Case("the secret as the path", rest("POST", "/signature/" + SECRET, valid(), false), 404));
        cases.add(new Case("event not JSON", SECRET + " " + valid(), 400));

        try (RuntimeApiServer api = RuntimeApiServer.start();
             LambdaProcess lambda = LambdaProcess.builder(HANDLER).runtimeApi(api)
                     .taskRoot(LambdaProcess.unzip(Path.of(System.getProperty("hmac.apiJar")), taskRoot)).start()) {
            for (Case c : cases) {
                Outcome outcome = api.enqueue(c.event).await(ANSWER);

                assertEquals(Outcome.Kind.RESPONSE, outcome.kind(), () -> c.name + ": " + outcome.body() + "\n" + lambda.output());
                assertEquals(c.status, status(outcome.body()), () -> c.name + ": " + outcome.body());
                Canary.assertAbsent(c.name + ": the reply", outcome.body());
            }
            // The last case's log line, so that every line is in before the process stops.
            assertTrue(lambda.awaitLine(line -> line.contains("event is not JSON"), ANSWER).isPresent(), lambda::output);
            lambda.close();
            String log = lambda.output();
            Canary.assertAbsent("the REST Lambda's log", log);
            assertEquals(cases.size(), log.split(" -> |event is not", -1).length - 1, "one log message per event: " + log);
        }
    }

    @Test
    void serverJar_signatureEndpoint_neverAnswersOrLogsTheSecret() throws Exception {
        String key = "local-api-key";
        ServerProcess server = ServerProcess.start(Map.of("HMAC_API_KEY", key));
        try {
            URI signature = server.uri().resolve("/signature");
            Map<String, String> withKey = Map.of("x-api-key", key);

            assertEquals(200, Http.post(signature, "application/json", valid(), withKey).statusCode());
            assertEquals(403, Http.post(signature, "application/json", valid(), Map.of()).statusCode());
            assertEquals(403, Http.post(signature, "application/json", valid(), Map.of("x-api-key", SECRET.substring(0, 13)))
                    .statusCode());
            for (Map.Entry<String, Integer> failing : failingBodies().entrySet()) {
                assertEquals(failing.getValue(), Http.post(signature, "application/json", failing.getKey(), withKey)
                        .statusCode(), failing.getKey());
            }
            assertEquals(400, Http.post(signature, "application/json", invalidUtf8(), withKey).statusCode());
            assertEquals(405, Http.get(URI.create(signature + "?clientsecret=" + Http.form(SECRET))).statusCode());
            assertEquals(404, Http.post(signature.resolve("/signature/" + Http.form(SECRET)), "application/json", valid(),
                    withKey).statusCode());
        } finally {
            List<String> log = server.stop();
            Canary.assertAbsent("the server's log", log);
            assertTrue(log.stream().anyMatch(line -> line.contains("POST /signature 400")), log.toString());
        }
    }

    private static byte[] invalidUtf8() {
        byte[] valid = valid().getBytes(StandardCharsets.UTF_8);
        byte[] broken = valid.clone();
        broken[valid.length - 3] = (byte) 0xFF;
        return broken;
    }

    private static String rest(String method, String path, String body, boolean base64) {
        return ProxyEvents.event(method, path, JSON, body, base64);
    }

    private static String restWithQuery(String body) {
        return rest("POST", "/signature", body, false).replace("\"queryStringParameters\":null",
                "\"queryStringParameters\":" + Json.write(Map.of("clientsecret", SECRET)));
    }

    private static String restBytes(byte[] body) {
        String event = rest("POST", "/signature", "BODY", true);
        return event.replace(Base64.getEncoder().encodeToString("BODY".getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(body));
    }

    /** An HTTP API (payload 2.0) or function URL event. */
    private static String httpApi(String body) {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", "POST");
        http.put("path", "/signature");
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "POST /signature");
        event.put("rawPath", "/signature");
        event.put("rawQueryString", "");
        event.put("headers", Map.of("content-type", "application/json"));
        event.put("requestContext", Map.of("http", http, "stage", "$default", "requestId", "id"));
        event.put("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);
        return Json.write(event);
    }

    /** The status of a proxy reply; for a direct invocation, 200 when it holds a signature, else 400. */
    private static int status(String reply) throws Exception {
        Map<?, ?> map = (Map<?, ?>) Json.parse(reply);
        if (map.get("statusCode") instanceof Number) {
            return ((Number) map.get("statusCode")).intValue();
        }
        return map.containsKey("signature") ? 200 : 400;
    }

    private record Case(String name, String event, int status) {
    }
}
