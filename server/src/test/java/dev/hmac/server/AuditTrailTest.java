package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.Field;
import dev.hmac.core.audit.AuditEvent;
import dev.hmac.core.audit.Surface;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.RecordedAudit;
import dev.hmac.core.testing.WrongSignatures;
import dev.hmac.core.verify.VerificationLimiter;
import dev.hmac.core.verify.Verifier;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's audit lines, one per signing and check on the form's two pages and the REST API, in-process and
 * through a deployed API (a second server on loopback standing in for it), with a real client.
 */
class AuditTrailTest {
    private static final String SECRET = WrongSignatures.SECRET;
    private static final String SIGNATURE = WrongSignatures.SIGNATURE;

    private final HttpClient http = HttpClient.newHttpClient();
    private final RecordedAudit audit = new RecordedAudit();
    private final RecordedAudit apiAudit = new RecordedAudit();
    private HmacServer server;
    private HmacServer deployed;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (deployed != null) {
            deployed.close();
        }
    }

    private static HmacServer start(ServerConfig config, RecordedAudit audit) throws Exception {
        return HmacServer.start(config.withPort(0), VerificationLimiter.forThisMachine(new Verifier()), audit);
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, String forwardedFor) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> form(WrongSignatures.Case check) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Field field : Field.values()) {
            String value = check.texts().get(field.key());
            if (value != null) {
                fields.put(field.formName(), value);
            }
        }
        return fields;
    }

    private static Map<String, String> vector() {
        Map<String, String> fields = form(WrongSignatures.match());
        fields.remove(Field.SIGNATURE.formName());
        return fields;
    }

    /** The line as written: no secret, no signature, whatever was signed or checked. */
    private static String line(RecordedAudit.Entry entry) {
        String line = Json.write(entry.event().toJson(entry.caller()));
        assertFalse(line.contains(SECRET), line);
        assertFalse(line.contains(SIGNATURE), line);
        return line;
    }

    @Test
    void formSigningCheckingAndRest_inProcess_writeOneLineEach_namingTheConnectionsAddress() throws Exception {
        server = start(ServerConfig.defaults(), audit);
        WrongSignatures.Case newline = WrongSignatures.oneForEachCause().stream()
                .filter(c -> c.causes().get(0).equals("whitespace")).findFirst().orElseThrow();
        Map<String, String> invalid = vector();
        invalid.put("Callback", "not a url");

        assertEquals(200, post("/", vector(), "198.51.100.9").statusCode());
        assertEquals(200, post("/check", form(newline), null).statusCode());
        assertEquals(400, post("/", invalid, null).statusCode());
        assertEquals(400, post("/check", Map.of("Password", SECRET), null).statusCode());
        Map<String, Object> rest = new LinkedHashMap<>(WrongSignatures.match().request());
        rest.remove("signature");
        assertEquals(200, http.send(HttpRequest.newBuilder(server.uri().resolve("/signature"))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(rest))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        http.send(HttpRequest.newBuilder(server.uri().resolve("/")).GET().build(), HttpResponse.BodyHandlers.ofString());

        List<RecordedAudit.Entry> entries = audit.entries();
        assertEquals(5, entries.size(), "a page shown signs nothing: " + entries);
        RecordedAudit.Entry signed = entries.get(0);
        assertEquals(Surface.FORM, signed.caller().surface());
        assertEquals(Map.of("address", "127.0.0.1"), signed.caller().actor().ids(),
                "without the load balancer, X-Forwarded-For is anyone's to write");
        assertEquals(AuditEvent.Outcome.SIGNED, signed.event().outcome());
        assertEquals(WrongSignatures.CLIENT_ID, signed.event().clientId());
        assertEquals(WrongSignatures.CALLBACK, signed.event().callback());
        assertTrue(signed.caller().requestId().matches("[0-9a-f-]{36}"), signed.caller().requestId());
        RecordedAudit.Entry checked = entries.get(1);
        assertEquals(AuditEvent.Kind.VERIFICATION, checked.event().kind());
        assertEquals(AuditEvent.Outcome.MISMATCH, checked.event().outcome());
        assertEquals("whitespace", checked.event().cause());
        assertEquals(List.of("callback"), entries.get(2).event().fields());
        assertNull(entries.get(2).event().clientId(), "an invalid request's inputs are not logged");
        assertEquals(AuditEvent.Outcome.INVALID, entries.get(3).event().outcome());
        assertEquals(AuditEvent.Kind.VERIFICATION, entries.get(3).event().kind());
        assertEquals(Surface.REST, entries.get(4).caller().surface());
        assertEquals(AuditEvent.Outcome.SIGNED, entries.get(4).event().outcome());
        assertEquals(5, entries.stream().map(e -> e.caller().requestId()).distinct().count());
        entries.forEach(AuditTrailTest::line);
    }

    @Test
    void formThroughADeployedApi_bothLinesCarryTheFormsRequestId_andTheApisNamesItsOwnRequest() throws Exception {
        deployed = start(ServerConfig.defaults().withApiKey("form-key"), apiAudit);
        server = start(ServerConfig.defaults().withApiKey("form-key")
                .withApiUrl(deployed.uri().resolve("/signature")), audit);

        assertEquals(200, post("/", vector(), null).statusCode());
        assertEquals(200, post("/check", form(WrongSignatures.match()), null).statusCode());

        assertEquals(2, audit.entries().size());
        assertEquals(2, apiAudit.entries().size());
        for (int i = 0; i < 2; i++) {
            RecordedAudit.Entry form = audit.entries().get(i);
            RecordedAudit.Entry api = apiAudit.entries().get(i);
            assertEquals(Surface.FORM, form.caller().surface());
            assertEquals(Surface.REST, api.caller().surface());
            assertEquals(form.caller().requestId(), api.caller().forwardedRequestId());
            assertNotEquals(form.caller().requestId(), api.caller().requestId());
            assertEquals(form.event(), api.event(), "both tell the same signing or check");
            assertTrue(line(api).contains("\"forwardedRequestId\":\"" + form.caller().requestId() + "\""), line(api));
            line(form);
        }
        assertEquals(AuditEvent.Outcome.SIGNED, audit.entries().get(0).event().outcome());
        assertEquals(AuditEvent.Outcome.MATCH, audit.entries().get(1).event().outcome());
    }

    @Test
    void aDeployedApiThatCannotBeReached_writesNoLine_asNothingWasSigned() throws Exception {
        server = start(ServerConfig.defaults().withApiUrl(URI.create("http://127.0.0.1:9/signature")), audit);

        assertEquals(502, post("/", vector(), null).statusCode());

        assertEquals(List.of(), audit.entries());
    }
}
