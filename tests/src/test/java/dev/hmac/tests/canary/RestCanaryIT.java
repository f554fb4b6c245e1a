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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST surface with a canary client secret, on success and on every way to fail: the api jar under the real
 * Lambda runtime interface client fed API Gateway events, and the server jar's {@code POST /signature} and
 * {@code POST /verify} (matches, each kind of mismatch, the secret typed as the signature). Every answer and every
 * log line is searched for the canary.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RestCanaryIT {
    private static final String SECRET = Canary.SECRET;
    private static final String HANDLER = "dev.hmac.api.lambda.SignatureHandler::handleRequest";
    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private static final String CALLBACK = "https://a.example/cb";
    private static final String TIMESTAMP = "1444762678";

    private static String request(String callback, Object secret) {
        return request(callback, secret, Map.of());
    }

    /** @param more fields after the secret: a check's signature and timestamp */
    private static String request(String callback, Object secret, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callback", callback);
        body.put("clientid", "client-id");
        body.put("clientsecret", secret);
        body.putAll(more);
        return Json.write(body);
    }

    private static String valid() {
        return request(CALLBACK, SECRET);
    }

    /** A check of the canary's own signature: a match. */
    private static String match() {
        return request(CALLBACK, SECRET, Map.of("timestamp", TIMESTAMP,
                "signature", Canary.signature(CALLBACK, "client-id", TIMESTAMP)));
    }

    /** Checks that are no match, each its own way: another second, another encoding, no MAC, the secret typed in. */
    private static List<String> mismatches() {
        String later = Canary.signature(CALLBACK, "client-id", "1444762679");
        return List.of(
                request(CALLBACK, SECRET, Map.of("timestamp", TIMESTAMP, "signature", later)),
                request(CALLBACK, SECRET, Map.of("timestamp", TIMESTAMP + "000", "signature", later.replace('+', ' '))),
                request(CALLBACK, SECRET, Map.of("timestamp", TIMESTAMP, "signature", "not a MAC")),
                request(CALLBACK, SECRET, Map.of("timestamp", TIMESTAMP, "signature", SECRET)),
                request(CALLBACK, SECRET, Map.of("timestamp", TIMESTAMP, "signature", later, "algorithm", "sha1",
                        "encoding", "hex")));
    }

    /** Bodies that fail, each with the canary in it somewhere, and the status they get. */
    private static Map<String, Integer> failingBodies() {
        return failingBodies(Map.of());
    }

    /** @param more what a check adds to each body: its signature */
    private static Map<String, Integer> failingBodies(Map<String, Object> more) {
        String valid = request(CALLBACK, SECRET, more);
        Map<String, Integer> bodies = new LinkedHashMap<>();
        bodies.put(request("a.example/cb", SECRET, more), 400);
        bodies.put(request(CALLBACK, SECRET.repeat(12), more), 400);
        bodies.put(request(CALLBACK, SECRET + "\t" + SECRET, more), 400);
        bodies.put(request(CALLBACK, List.of(SECRET), more), 400);
        bodies.put(valid.replace("}", ",\"note\":\"" + SECRET + "\"}"), 400);
        bodies.put(valid.replace("\"clientsecret\"", "\"clientSecret\""), 400);
        bodies.put(valid.replace("\"clientsecret\"", "\"" + SECRET + "\""), 400);
        bodies.put(valid.substring(0, valid.length() - 3), 400);
        bodies.put("clientsecret=" + SECRET, 400);
        bodies.put("[\"" + SECRET + "\"]", 400);
        bodies.put(valid.replace("}", ",\"timestamp\":\"" + SECRET + "\"}"), 400);
        bodies.put(valid.replace("}", ",\"algorithm\":\"" + SECRET + "\"}"), 400);
        bodies.put("{\"clientsecret\":\"" + SECRET.repeat(2000) + "\"}", 413);
        return bodies;
    }

    /** Checks that fail, each with the canary in it somewhere: the signing ones with a signature, and the check's own. */
    private static Map<String, Integer> failingChecks() {
        Map<String, Integer> bodies = new LinkedHashMap<>(failingBodies(Map.of("signature", "c2lnbmF0dXJl")));
        bodies.put(request(CALLBACK, SECRET), 400);
        bodies.put(request(CALLBACK, SECRET, Map.of("signature", SECRET.repeat(60))), 400);
        bodies.put(request(CALLBACK, SECRET, Map.of("signature", SECRET + "\n" + SECRET)), 400);
        bodies.put(request(CALLBACK, SECRET, Map.of("signature", Map.of("value", SECRET))), 400);
        bodies.put(request(CALLBACK, SECRET, Map.of("signature", "c2ln", "timestamp", "14447626780000")), 400);
        bodies.put(request(CALLBACK, SECRET, Map.of("signature", SECRET.repeat(600))), 413);
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
        cases.add(new Case("check, a match", rest("POST", "/verify", match(), false), 200));
        cases.add(new Case("check, a match, base64 body", rest("POST", "/verify", match(), true), 200));
        for (String mismatch : mismatches()) {
            cases.add(new Case("check, no match", rest("POST", "/verify", mismatch, mismatches().indexOf(mismatch) % 2 == 1), 200));
        }
        failingChecks().forEach((body, status) -> {
            cases.add(new Case("check: " + status, rest("POST", "/verify", body, false), status));
            cases.add(new Case("check, base64: " + status, rest("POST", "/verify", body, true), status));
        });
        cases.add(new Case("check, GET", rest("GET", "/verify", match(), false), 405));
        cases.add(new Case("check, the secret after the path", rest("POST", "/verify/" + SECRET, match(), false), 404));
        cases.add(new Case("event not JSON", SECRET + " " + valid(), 400));

        Set<String> signatures = new HashSet<>();
        try (RuntimeApiServer api = RuntimeApiServer.start();
             LambdaProcess lambda = LambdaProcess.builder(HANDLER).runtimeApi(api)
                     .taskRoot(LambdaProcess.unzip(Path.of(System.getProperty("hmac.apiJar")), taskRoot)).start()) {
            for (Case c : cases) {
                Outcome outcome = api.enqueue(c.event).await(ANSWER);
                signatures.addAll(AuditLog.signaturesIn(outcome.body()));

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
            // One audit line per signing and check, valid or not; none for a wrong method, path or body encoding.
            assertTrue(signatures.size() > 2, "the answers' signatures were found: " + signatures);
            List<String> outcomes = AuditLog.assertWellFormed("the REST Lambda", AuditLog.audits(log), "rest", signatures);
            assertEquals(cases.stream().filter(c -> c.status == 200).count(), AuditLog.done(outcomes), outcomes::toString);
            assertTrue(outcomes.contains("invalid"), outcomes::toString);
        }
    }

    @Test
    void serverJar_restEndpoints_neverAnswerOrLogTheSecret() throws Exception {
        String key = "local-api-key";
        ServerProcess server = ServerProcess.start(Map.of("HMAC_API_KEY", key));
        Set<String> signatures = new HashSet<>();
        try {
            URI signature = server.uri().resolve("/signature");
            Map<String, String> withKey = Map.of("x-api-key", key);

            HttpResponse<String> signed = Http.post(signature, "application/json", valid(), withKey);
            assertEquals(200, signed.statusCode());
            signatures.addAll(AuditLog.signaturesIn(signed.body()));
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

            URI verify = server.uri().resolve("/verify");
            HttpResponse<String> matched = Http.post(verify, "application/json", match(), withKey);
            assertEquals(200, matched.statusCode());
            assertTrue(matched.body().contains("\"match\":true"), matched.body());
            signatures.addAll(AuditLog.signaturesIn(matched.body()));
            for (String mismatch : mismatches()) {
                HttpResponse<String> verdict = Http.post(verify, "application/json", mismatch, withKey);
                signatures.addAll(AuditLog.signaturesIn(verdict.body()));
                assertEquals(200, verdict.statusCode(), verdict.body());
                assertTrue(verdict.body().contains("\"match\":false"), verdict.body());
            }
            assertEquals(403, Http.post(verify, "application/json", match(), Map.of()).statusCode());
            for (Map.Entry<String, Integer> failing : failingChecks().entrySet()) {
                assertEquals(failing.getValue(), Http.post(verify, "application/json", failing.getKey(), withKey)
                        .statusCode(), failing.getKey());
            }
            assertEquals(405, Http.get(URI.create(verify + "?clientsecret=" + Http.form(SECRET))).statusCode());
        } finally {
            List<String> log = server.stop();
            Canary.assertAbsent("the server's log", log);
            assertTrue(log.stream().anyMatch(line -> line.contains("POST /signature 400")), log.toString());
            assertTrue(log.stream().anyMatch(line -> line.contains("POST /verify 200")), log.toString());
            assertTrue(log.stream().anyMatch(line -> line.contains("POST /verify 400")), log.toString());
            // The key is refused before anything is signed or checked: no line for a 403.
            List<String> outcomes = AuditLog.assertWellFormed("the server", AuditLog.audits(log), "rest", signatures);
            assertEquals(2 + mismatches().size(), AuditLog.done(outcomes), outcomes::toString);
            assertTrue(outcomes.contains("invalid"), outcomes::toString);
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
