package dev.hmac.api.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.hmac.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureHandlerTest {
    private static final String SECRET = "S6meLXlUY00YVML3";
    private static final String SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    private final List<String> logLines = new ArrayList<>();
    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            logLines.add(message);
        }

        @Override
        public void log(byte[] message) {
            logLines.add(new String(message, StandardCharsets.UTF_8));
        }
    };

    private String invoke(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/events/" + resource)) {
            return new SignatureHandler().handle(in.readAllBytes(), logger);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rest-post-signature.json, 200",
        "rest-post-signature-base64.json, 200",
        "http-api-v2-post-signature.json, 200",
        "rest-post-invalid-field.json, 400",
        "rest-get-signature.json, 405",
        "rest-post-unknown-path.json, 404",
    })
    void proxyEvents_getAProxyResponse(String event, int status) throws Exception {
        Map<?, ?> reply = (Map<?, ?>) Json.parse(invoke(event));

        assertEquals(status, ((Number) reply.get("statusCode")).intValue());
        assertEquals(Boolean.FALSE, reply.get("isBase64Encoded"));
        assertEquals("application/json; charset=utf-8", ((Map<?, ?>) reply.get("headers")).get("Content-Type"));
        Map<?, ?> body = (Map<?, ?>) Json.parse((String) reply.get("body"));
        if (status == 200) {
            assertEquals(SIGNATURE, body.get("signature"));
            assertEquals("1444762678", body.get("timestamp"));
        } else {
            assertTrue(body.containsKey("error"));
        }
        assertFalse(reply.toString().contains(SECRET));
        assertEquals(1, logLines.size());
        assertFalse(logLines.get(0).contains(SECRET));
    }

    @Test
    void originalConsoleSample_getsTheOriginalFieldsMinusTheSecret() throws Exception {
        Map<?, ?> reply = (Map<?, ?>) Json.parse(invoke("direct-sample.json"));

        assertEquals(List.of("callback", "clientid", "timestamp", "signature"), List.copyOf(reply.keySet()));
        assertEquals("https://apoorva.com", reply.get("callback"));
        assertEquals("LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", reply.get("clientid"));
        assertTrue(((String) reply.get("timestamp")).matches("\\d{10}"));
        assertEquals(44, ((String) reply.get("signature")).length());
    }

    @Test
    void unknownPath_isLoggedWithoutThePath_whichCanHoldAnything() throws Exception {
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/rest-post-unknown-path.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"/sign\"", "\"/signature/" + SECRET + "\"");
        }

        Map<?, ?> reply = (Map<?, ?>) Json.parse(new SignatureHandler().handle(event.getBytes(StandardCharsets.UTF_8), logger));

        assertEquals(404, ((Number) reply.get("statusCode")).intValue());
        assertEquals(List.of("WARN POST (another path) -> 404"), logLines);
    }

    @Test
    void invalidBase64Body_gets400() throws Exception {
        String event = "{\"httpMethod\":\"POST\",\"path\":\"/signature\",\"isBase64Encoded\":true,\"body\":\"%%%\"}";

        Map<?, ?> reply = (Map<?, ?>) Json.parse(new SignatureHandler().handle(event.getBytes(StandardCharsets.UTF_8), logger));

        assertEquals(400, ((Number) reply.get("statusCode")).intValue());
    }

    @Test
    void hugeBase64Body_gets413BeforeDecoding() throws Exception {
        String event = "{\"httpMethod\":\"POST\",\"path\":\"/signature\",\"isBase64Encoded\":true,\"body\":\""
                + "A".repeat(100_000) + "\"}";

        Map<?, ?> reply = (Map<?, ?>) Json.parse(new SignatureHandler().handle(event.getBytes(StandardCharsets.UTF_8), logger));

        assertEquals(413, ((Number) reply.get("statusCode")).intValue());
    }

    @Test
    void streamEntryPoint_writesTheReply() throws Exception {
        byte[] event;
        try (InputStream in = getClass().getResourceAsStream("/events/rest-post-signature.json")) {
            event = in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new SignatureHandler().handleRequest(new ByteArrayInputStream(event), out, null);

        assertTrue(out.toString(StandardCharsets.UTF_8).contains(SIGNATURE.replace("/", "/")));
    }

    @Test
    void eventThatIsNotAnObject_getsAnErrorObject() throws Exception {
        Map<?, ?> reply = (Map<?, ?>) Json.parse(new SignatureHandler().handle("[1]".getBytes(StandardCharsets.UTF_8), logger));
        assertEquals("The event must be a JSON object.", reply.get("error"));
    }
}
