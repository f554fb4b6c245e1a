package dev.hmac.tests.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hmac.core.testing.Canary;
import dev.hmac.core.json.Json;
import dev.hmac.tests.ServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web form of the server jar with a canary client secret, on its signing page and its check page: in-process and
 * through a remote API ({@code HMAC_API_URL}, its {@code /verify} beside it), on success and on every way to fail,
 * the remote's failures and a burst of checks that finds every turn taken included. Every page, every header and
 * every log line is searched for the canary; every page must carry the security headers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebFormCanaryIT {
    private static final String SECRET = Canary.SECRET;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    private static String form(String callback, String secret) {
        return "Callback=" + Http.form(callback) + "&ClientID=client-id&ClientSecret=" + Http.form(secret);
    }

    private static String valid() {
        return form("https://a.example/cb", SECRET);
    }

    /** Form posts that fail, each with the canary in it, and the status they get. */
    private static Map<String, Integer> failingForms() {
        Map<String, Integer> forms = new LinkedHashMap<>();
        forms.put(form("a.example/cb", SECRET), 400);
        forms.put(form("https://a.example/cb", SECRET.repeat(12)), 400);
        forms.put(form("https://a.example/cb", SECRET + "\n" + SECRET), 400);
        forms.put(valid() + "&Timestamp=yesterday", 400);
        forms.put(valid() + "&Password=" + Http.form(SECRET), 400);
        forms.put(valid() + "&" + Http.form(SECRET) + "=1", 400);
        forms.put(valid() + "&ClientSecret=" + Http.form(SECRET), 400);
        forms.put(valid() + "%Z", 400);
        forms.put(valid() + "%FF", 400);
        forms.put(valid() + "&Callback=" + Http.form(SECRET).repeat(600), 413);
        return forms;
    }

    /** The check page's posts that fail, each with the canary in it (the same as signing's, and the signature's own). */
    private static Map<String, Integer> failingChecks() {
        Map<String, Integer> checks = new LinkedHashMap<>();
        failingForms().forEach((form, status) -> checks.put(form + "&Signature=c2ln", status));
        checks.put(valid(), 400);
        checks.put(valid() + "&Signature=" + Http.form(SECRET).repeat(50), 400);
        checks.put(valid() + "&Signature=" + Http.form(SECRET + "\n" + SECRET), 400);
        checks.put(valid() + "&Signature=c2ln&Signature=" + Http.form(SECRET), 400);
        checks.put(valid() + "&Signature=c2ln&Algorithm=" + Http.form(SECRET), 400);
        checks.put(valid() + "&Signature=c2ln&Encoding=" + Http.form(SECRET), 400);
        checks.put(valid() + "&Signature=c2ln&Timestamp=144476267800000", 400);
        return checks;
    }

    /** Checks that get a verdict: the right signature, a wrong one, and the secret typed as the signature. */
    private static List<String> verdicts() {
        String timestamped = valid() + "&Timestamp=1444762678";
        return List.of(timestamped + "&Signature=" + Http.form(Canary.signature("https://a.example/cb", "client-id",
                        "1444762678")),
                timestamped + "&Signature=" + Http.form(SIGNATURE),
                timestamped + "&Signature=" + Http.form(SECRET),
                timestamped + "&Signature=" + Http.form(SECRET) + "&Algorithm=sha1&Encoding=hex");
    }

    @Test
    void formSignedInProcess_neverShowsOrLogsTheSecret_andEveryPageHasTheSecurityHeaders() throws Exception {
        ServerProcess server = ServerProcess.start(Map.of());
        long start = Instant.now().getEpochSecond();
        int burstChecked = 0;
        List<String> log;
        try {
            URI page = server.uri();

            assertPage(200, Http.get(page));
            assertPage(200, Http.get(URI.create(page + "?ClientSecret=" + Http.form(SECRET))));
            HttpResponse<String> signed = Http.post(page, FORM, form("https://apoorva.com", "S6meLXlUY00YVML3")
                    .replace("client-id", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ") + "&Timestamp=1444762678", Map.of());
            assertPage(200, signed);
            assertTrue(signed.body().contains(SIGNATURE), signed.body());
            assertPage(200, Http.post(page, FORM, valid(), Map.of()));
            for (Map.Entry<String, Integer> failing : failingForms().entrySet()) {
                assertPage(failing.getValue(), Http.post(page, FORM, failing.getKey(), Map.of()));
            }
            assertPage(415, Http.post(page, "application/json", "{\"ClientSecret\":\"" + SECRET + "\"}", Map.of()));
            assertPage(415, Http.post(page, null, valid(), Map.of()));
            assertPage(400, Http.post(page, FORM, valid() + "&Signature=" + Http.form(SECRET), Map.of()));

            URI check = page.resolve("/check");
            assertPage(200, Http.get(check));
            assertPage(200, Http.get(URI.create(check + "?ClientSecret=" + Http.form(SECRET))));
            for (String verdict : verdicts()) {
                HttpResponse<String> checked = Http.post(check, FORM, verdict, Map.of());
                assertPage(200, checked);
                assertTrue(checked.body().contains("id=\"verdict-title\""), checked.body());
            }
            for (Map.Entry<String, Integer> failing : failingChecks().entrySet()) {
                assertPage(failing.getValue(), Http.post(check, FORM, failing.getKey(), Map.of()));
            }
            assertPage(415, Http.post(check, "application/json", "{\"ClientSecret\":\"" + SECRET + "\"}", Map.of()));
            assertPage(405, Http.method(check, "DELETE"));
            burstChecked = assertBusyPagesAreClean(check);
        } finally {
            log = server.stop();
        }
        Canary.assertAbsent("the server's log", log);
        assertTrue(log.stream().anyMatch(line -> line.contains("POST / 400")), log.toString());
        assertTrue(log.stream().anyMatch(line -> line.contains("POST /check 503")), log.toString());
        // One line per signing and check, valid or not; none for a busy page, where nothing was checked.
        List<String> outcomes = AuditLog.assertWellFormed("the server", AuditLog.audits(log), "form", signatures(start));
        assertEquals(2 + verdicts().size() + burstChecked, AuditLog.done(outcomes), outcomes::toString);
        assertTrue(AuditLog.count(outcomes, "invalid") >= 8, outcomes::toString);
    }

    private static Set<String> signatures(long start) {
        Set<String> signatures = AuditLog.canarySignatures(start, Instant.now().getEpochSecond());
        signatures.add(SIGNATURE);
        return signatures;
    }

    /**
     * More checks at once than the server searches, each as long as a search can be (an unexplained HMAC-SHA512
     * without a timestamp: the CPU budget's 0.8 s): those whose turn does not come within a second get a busy page.
     */
    private static int assertBusyPagesAreClean(URI check) throws Exception {
        String slow = valid() + "&Algorithm=sha512&Signature=" + Http.form(Base64.getEncoder().encodeToString(new byte[64]));
        int searches = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        // A thread each, so they are really at once (the common pool has one thread on two cores).
        ExecutorService clients = Executors.newFixedThreadPool(16 * searches);
        for (int i = 0; i < 16 * searches; i++) {
            burst.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.post(check, FORM, slow, Map.of());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, clients));
        }
        clients.shutdown();
        int busy = 0;
        for (CompletableFuture<HttpResponse<String>> request : burst) {
            HttpResponse<String> page = request.get(60, TimeUnit.SECONDS);
            assertPage(page.statusCode(), page);
            if (page.statusCode() == 503) {
                busy++;
                assertEquals("1", page.headers().firstValue("Retry-After").orElse(""), page.headers().toString());
                assertTrue(page.body().contains("Too many signature checks are running right now."), page.body());
            } else {
                assertEquals(200, page.statusCode(), page.body());
            }
        }
        assertTrue(busy > 0, "no check of " + burst.size() + " found every turn taken");
        return burst.size() - busy;
    }

    @Test
    void formSignedThroughTheRemoteApi_neverShowsOrLogsTheSecret_whateverTheRemoteAnswers() throws Exception {
        String key = "remote-api-key";
        ServerProcess remote = ServerProcess.start(Map.of("HMAC_API_KEY", key));
        ServerProcess proxy = ServerProcess.start(Map.of("HMAC_API_URL", remote.uri().resolve("/signature").toString(),
                "HMAC_API_KEY", key));
        long start = Instant.now().getEpochSecond();
        try (BrokenRemote broken = new BrokenRemote()) {
            ServerProcess brokenProxy = ServerProcess.start(Map.of("HMAC_API_URL", broken.url(), "HMAC_API_KEY", key));
            try {
                HttpResponse<String> signed = Http.post(proxy.uri(), FORM, valid(), Map.of());
                assertPage(200, signed);
                assertTrue(signed.body().contains("id=\"result-signature\""), signed.body());
                for (Map.Entry<String, Integer> failing : failingForms().entrySet()) {
                    assertPage(failing.getValue(), Http.post(proxy.uri(), FORM, failing.getKey(), Map.of()));
                }

                URI check = proxy.uri().resolve("/check");
                for (String verdict : verdicts()) {
                    assertPage(200, Http.post(check, FORM, verdict, Map.of()));
                }
                for (Map.Entry<String, Integer> failing : failingChecks().entrySet()) {
                    assertPage(failing.getValue(), Http.post(check, FORM, failing.getKey(), Map.of()));
                }

                for (BrokenRemote.Answer answer : BrokenRemote.Answer.values()) {
                    broken.answer(answer);
                    HttpResponse<String> page = Http.post(brokenProxy.uri(), FORM, valid(), Map.of());
                    assertTrue(page.statusCode() >= 500, answer + " -> " + page.statusCode());
                    assertPage(page.statusCode(), page);
                    HttpResponse<String> checked = Http.post(brokenProxy.uri().resolve("/check"), FORM,
                            valid() + "&Signature=c2ln", Map.of());
                    assertTrue(checked.statusCode() >= 500, answer + " on /check -> " + checked.statusCode());
                    assertPage(checked.statusCode(), checked);
                }
                assertTrue(broken.paths().contains("/verify"), "the check went to the remote's /verify");
                assertTrue(Canary.find(String.join("\n", broken.requests())).isPresent(),
                        "the remote was sent the secret, so its echoes were real");

                remote.stop();
                assertPage(502, Http.post(proxy.uri(), FORM, valid(), Map.of()));
            } finally {
                List<String> log = brokenProxy.stop();
                Canary.assertAbsent("the log of the server using the broken remote", log);
            }
        } finally {
            List<String> proxyLog = proxy.stop();
            List<String> remoteLog = remote.stop();
            Canary.assertAbsent("the proxying server's log", proxyLog);
            Canary.assertAbsent("the remote server's log", remoteLog);
            assertTrue(remoteLog.stream().anyMatch(line -> line.contains("POST /signature 400")), remoteLog.toString());
            assertTrue(remoteLog.stream().anyMatch(line -> line.contains("POST /verify 400")), remoteLog.toString());
            // Both write a line, the form's naming the person, the API's the form's key and request.
            List<Map<?, ?>> formLines = AuditLog.audits(proxyLog);
            List<Map<?, ?>> apiLines = AuditLog.audits(remoteLog);
            List<String> outcomes = AuditLog.assertWellFormed("the proxying server", formLines, "form", signatures(start));
            AuditLog.assertWellFormed("the remote server", apiLines, "rest", signatures(start));
            assertEquals(1 + verdicts().size(), AuditLog.done(outcomes), outcomes::toString);
            Set<Object> forwarded = new HashSet<>();
            apiLines.forEach(line -> forwarded.add(line.get("forwardedRequestId")));
            for (Map<?, ?> line : formLines) {
                if (!"invalid".equals(line.get("outcome"))) {
                    assertTrue(forwarded.contains(line.get("requestId")), "the API's line carries the form's id: " + line);
                }
            }
        }
    }

    /** The status, and the headers every form page carries; the body was already searched for the canary. */
    private static void assertPage(int status, HttpResponse<String> page) {
        assertEquals(status, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), csp);
    }

    /**
     * A signing API that fails in the ways a remote can, echoing what it was sent where a badly behaved gateway or
     * an old API version might: in an error page, in a contract-shaped error, in a "signature".
     */
    private static final class BrokenRemote implements AutoCloseable {
        enum Answer {
            SERVER_ERROR_ECHOING_THE_REQUEST(request -> reply(500, "text/plain", "failed on: " + request)),
            CONTRACT_ERROR_QUOTING_THE_SECRET(request -> reply(400, "application/json",
                    Json.write(Map.of("error", "Bad clientsecret: " + secretOf(request),
                            "errors", Map.of("clientsecret", "Not accepted: " + secretOf(request)))))),
            SIGNATURE_QUOTING_THE_SECRET(request -> reply(200, "application/json", Json.write(Map.of(
                    "callback", "https://a.example/cb", "clientid", secretOf(request), "timestamp", "1",
                    "signature", secretOf(request))))),
            VERDICT_QUOTING_THE_SECRET(request -> reply(200, "application/json", Json.write(Map.of("match", false,
                    "timestamp", "1", "signature", "c2ln", "message_to_sign", Map.of("text", secretOf(request) + " + x",
                            "bytes", 1), "explanations", List.of(Map.of("cause", "whitespace",
                            "message", "Right with " + secretOf(request))))))),
            BUSY(request -> reply(503, "application/json", "{\"error\":\"Too many signature checks.\"}")),
            FORBIDDEN(request -> reply(403, "application/json", "{\"message\":\"Forbidden\"}")),
            GATEWAY_PAGE_ECHOING_THE_REQUEST(request -> reply(502, "text/html", "<h1>Bad gateway</h1><pre>" + request)),
            TOO_MANY_REQUESTS(request -> reply(429, "application/json", "{\"message\":\"Too Many Requests\"}"));

            private final Function<String, Reply> reply;

            Answer(Function<String, Reply> reply) {
                this.reply = reply;
            }
        }

        private record Reply(int status, String contentType, String body) {
        }

        private static Reply reply(int status, String contentType, String body) {
            return new Reply(status, contentType, body);
        }

        private static String secretOf(String request) {
            try {
                return String.valueOf(((Map<?, ?>) Json.parse(request)).get("clientsecret"));
            } catch (Exception e) {
                return request;
            }
        }

        private final HttpServer server;
        private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile Answer answer = Answer.SERVER_ERROR_ECHOING_THE_REQUEST;

        BrokenRemote() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    requests.add(request);
                    paths.add(exchange.getRequestURI().getPath());
                    Reply reply = answer.reply.apply(request);
                    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                    exchange.sendResponseHeaders(reply.status(), bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/signature";
        }

        void answer(Answer answer) {
            this.answer = answer;
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        List<String> paths() {
            return List.copyOf(paths);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
