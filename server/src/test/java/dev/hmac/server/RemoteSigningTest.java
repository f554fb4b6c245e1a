package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.Signature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The remote signing API's answers as the form gets them, against a remote on loopback that answers as told. */
class RemoteSigningTest {
    private static final String SECRET = "S6meLXlUY00YVML3";

    private HttpServer remote;
    private volatile int status;
    private volatile String reply;

    @BeforeEach
    void start() throws IOException {
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        remote.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        remote.start();
    }

    @AfterEach
    void stop() {
        remote.stop(0);
    }

    private SigningBackend.Outcome sign(String secret, int status, String reply) {
        this.status = status;
        this.reply = reply;
        Map<Field, String> request = new EnumMap<>(Field.class);
        request.put(Field.CALLBACK, "https://a.example/cb");
        request.put(Field.CLIENT_ID, "client-id");
        request.put(Field.CLIENT_SECRET, secret);
        URI url = URI.create("http://127.0.0.1:" + remote.getAddress().getPort() + "/signature");
        return new RemoteSigning(url, Optional.empty()).sign(request);
    }

    @Test
    void contractAnswers_arePassedOn() {
        String ok = "{\"callback\":\"https://a.example/cb\",\"clientid\":\"client-id\",\"timestamp\":\"1\",\"signature\":\"c2ln\"}";
        String invalid = "{\"error\":\"Callback URL is required.\",\"field\":\"callback\",\"errors\":{\"callback\":\"Callback URL is required.\"}}";

        assertEquals(new SigningBackend.Signed(new Signature("https://a.example/cb", "client-id", "1", "c2ln")),
                sign(SECRET, 200, ok));
        assertEquals(new SigningBackend.Invalid(List.of(new FieldError(Field.CALLBACK, "Callback URL is required."))),
                sign(SECRET, 400, invalid));
    }

    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "400 | {\"error\":\"Bad secret: S6meLXlUY00YVML3\"}",
        "400 | {\"error\":\"Invalid.\",\"errors\":{\"clientsecret\":\"  S6meLXlUY00YVML3 is not accepted\"}}",
        "200 | {\"signature\":\"c2ln\",\"clientid\":\"S6meLXlUY00YVML3\"}",
        "413 | {\"error\":\"too large\",\"echo\":[\"S6meLXlUY00YVML3\"]}",
    })
    void answerQuotingTheSecret_isNeverPassedOn(int status, String reply) {
        SigningBackend.Problem problem = (SigningBackend.Problem) sign(" " + SECRET + " ", status, reply);

        assertEquals(502, problem.status());
        assertFalse(problem.message().contains(SECRET), problem.message());
        assertTrue(problem.message().contains("an answer this page can't show"), problem.message());
    }

    @Test
    void errorOnAFieldSigningDoesNotTake_isShownAsTheAnswersMessage() {
        String other = "{\"error\":\"Signature is required.\",\"field\":\"signature\",\"errors\":{\"signature\":"
                + "\"Signature is required.\"}}";
        String mixed = "{\"error\":\"Callback URL is required. Signature is required.\",\"errors\":{\"callback\":"
                + "\"Callback URL is required.\",\"signature\":\"Signature is required.\"}}";

        assertEquals(new SigningBackend.Problem(400, "Signature is required."), sign(SECRET, 400, other));
        assertEquals(new SigningBackend.Invalid(List.of(new FieldError(Field.CALLBACK, "Callback URL is required."))),
                sign(SECRET, 400, mixed));
    }

    @Test
    void answerWithTheOptions_isTheSignature() {
        String ok = "{\"callback\":\"https://a.example/cb\",\"clientid\":\"client-id\",\"timestamp\":\"1\","
                + "\"signature\":\"c2ln\",\"algorithm\":\"sha256\",\"encoding\":\"base64\"}";

        assertEquals(new SigningBackend.Signed(new Signature("https://a.example/cb", "client-id", "1", "c2ln")),
                sign(SECRET, 200, ok));
    }

    @Test
    void errorWithoutFields_isAProblemWithTheStatus() {
        assertEquals(new SigningBackend.Problem(413, "The request body is too large: at most 16 KiB."),
                sign(SECRET, 413, "{\"error\":\"The request body is too large: at most 16 KiB.\"}"));
    }

    @Test
    void answerThatIsNotTheContract_isUnavailable() {
        SigningBackend.Problem problem = (SigningBackend.Problem) sign(SECRET, 200, "<html>gateway</html>");

        assertEquals(502, problem.status());
        assertTrue(problem.message().contains("not reachable"), problem.message());
    }

    @Test
    void shortSecret_isNotLookedFor_soOrdinaryMessagesStillShow() {
        String invalid = "{\"error\":\"Callback URL is required.\",\"errors\":{\"callback\":\"Callback URL is required.\"}}";

        assertEquals(new SigningBackend.Invalid(List.of(new FieldError(Field.CALLBACK, "Callback URL is required."))),
                sign("red", 400, invalid));
    }
}
