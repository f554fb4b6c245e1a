package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
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
    private static final String REQUEST_ID = "0f8e2c1a-5b4d-4e6f-8a9b-0c1d2e3f4a5b";

    private HttpServer remote;
    private volatile int status;
    private volatile String reply;
    private volatile String request;
    private volatile String requestIdHeader;

    @BeforeEach
    void start() throws IOException {
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        remote.createContext("/", exchange -> {
            try (exchange) {
                request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requestIdHeader = exchange.getRequestHeaders().getFirst("X-Request-Id");
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
        return remote(status, reply).sign(input(secret), REQUEST_ID);
    }

    private SigningBackend.Outcome check(String secret, int status, String reply) {
        Map<Field, String> input = input(secret);
        input.put(Field.SIGNATURE, "c2ln");
        return remote(status, reply).check(input, REQUEST_ID);
    }

    private RemoteSigning remote(int status, String reply) {
        this.status = status;
        this.reply = reply;
        return new RemoteSigning(URI.create("http://127.0.0.1:" + remote.getAddress().getPort() + "/signature"),
                Optional.empty());
    }

    private static Map<Field, String> input(String secret) {
        Map<Field, String> input = new EnumMap<>(Field.class);
        input.put(Field.CALLBACK, "https://a.example/cb");
        input.put(Field.CLIENT_ID, "client-id");
        input.put(Field.CLIENT_SECRET, secret);
        return input;
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

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "https://abc.execute-api.eu-west-1.amazonaws.com/Prod/signature | https://abc.execute-api.eu-west-1.amazonaws.com/Prod/verify",
        "http://127.0.0.1:8080/signature                               | http://127.0.0.1:8080/verify",
        "https://api.example/signature/v1/signature?stage=a%2Fb         | https://api.example/signature/v1/verify?stage=a%2Fb",
        "https://api.example/signature/                                 | https://api.example/verify/",
        "https://api.example/signatures                                 | ''",
        "https://signature.example/sign                                 | ''",
    })
    void verifyUrl_isTheUrlWithItsLastSignatureReplacedByVerify(String signature, String verify) {
        assertEquals(verify.isEmpty() ? Optional.empty() : Optional.of(URI.create(verify)),
                RemoteSigning.verifyUrl(URI.create(signature)));
    }

    @Test
    void options_areSentByTheirRestNames_andLeftOutWhenEmpty() throws Exception {
        String ok = "{\"callback\":\"https://a.example/cb\",\"clientid\":\"client-id\",\"timestamp\":\"1\","
                + "\"signature\":\"c2ln\",\"algorithm\":\"md5\",\"encoding\":\"hex\"}";
        Map<Field, String> input = input(SECRET);
        input.put(Field.ALGORITHM, "MD5");
        input.put(Field.ENCODING, "hex");
        input.put(Field.TIMESTAMP, "");

        SigningBackend.Outcome signed = remote(200, ok).sign(input, REQUEST_ID);

        assertEquals(new SigningBackend.Signed(new Signature("https://a.example/cb", "client-id", "1", "c2ln",
                Algorithm.MD5, Encoding.HEX)), signed);
        assertEquals("{\"callback\":\"https://a.example/cb\",\"clientid\":\"client-id\",\"clientsecret\":\""
                + SECRET + "\",\"algorithm\":\"MD5\",\"encoding\":\"hex\"}", request);
    }

    @Test
    void contractVerdict_isPassedOn_withTheSignatureToCheck() {
        String verdict = "{\"match\":false,\"callback\":\"https://a.example/cb\",\"clientid\":\"client-id\","
                + "\"timestamp\":\"1444762678\",\"algorithm\":\"sha256\",\"encoding\":\"base64\",\"signature\":\"c2lnMg==\","
                + "\"message_to_sign\":{\"text\":\"«client secret, 16 characters» + https://a.example/cb + client-id + "
                + "1444762678\",\"bytes\":56},\"explanations\":[{\"cause\":\"whitespace\",\"message\":\"A line break.\","
                + "\"field\":\"clientsecret\"},{\"cause\":\"from-a-newer-api\",\"message\":\"Something new.\"}],"
                + "\"complete\":true}";

        SigningBackend.Outcome outcome = check(SECRET, 200, verdict);

        assertEquals(new SigningBackend.Checked(new CheckResult(false, "https://a.example/cb", "client-id", "1444762678",
                Algorithm.SHA256, Encoding.BASE64, "c2lnMg==", "«client secret, 16 characters» + https://a.example/cb + "
                + "client-id + 1444762678", 56, List.of(new CheckResult.Reason("whitespace", "A line break."),
                new CheckResult.Reason("from-a-newer-api", "Something new.")), true)), outcome);
        assertEquals("What differs", ((SigningBackend.Checked) outcome).result().reasons().get(1).heading());
        assertTrue(request.contains("\"signature\":\"c2ln\""), request);
    }

    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "200 | {\"match\":false,\"timestamp\":\"1\",\"signature\":\"c2ln\",\"message_to_sign\":{\"text\":\"S6meLXlUY00YVML3 + x\",\"bytes\":1}}",
        "200 | {\"match\":false,\"timestamp\":\"1\",\"signature\":\"c2ln\",\"message_to_sign\":{\"text\":\"x\",\"bytes\":1},\"explanations\":[{\"cause\":\"whitespace\",\"message\":\"not S6meLXlUY00YVML3\"}]}",
        "200 | {\"match\":true,\"timestamp\":\"1\",\"signature\":\"c2ln\",\"message_to_sign\":{\"text\":\"x\",\"bytes\":1},\"S6meLXlUY00YVML3\":1}",
        "400 | {\"error\":\"Invalid.\",\"errors\":{\"signature\":\"S6meLXlUY00YVML3 is not a signature\"}}",
    })
    void verdictQuotingTheSecret_isNeverPassedOn(int status, String reply) {
        SigningBackend.Problem problem = (SigningBackend.Problem) check(SECRET + "\n", status, reply);

        assertEquals(502, problem.status());
        assertTrue(problem.message().contains("an answer this page can't show"), problem.message());
    }

    @Test
    void verifyErrorOnTheSignature_isAnErrorOnThatField() {
        String invalid = "{\"error\":\"Signature is required.\",\"field\":\"signature\",\"errors\":{\"signature\":"
                + "\"Signature is required.\"}}";

        assertEquals(new SigningBackend.Invalid(List.of(new FieldError(Field.SIGNATURE, "Signature is required."))),
                check(SECRET, 400, invalid));
    }

    @Test
    void busyOrThrottledApi_isABusyPage() {
        assertEquals(new SigningBackend.Busy("The signing service is busy. Please try again in a few seconds.", 5),
                check(SECRET, 503, "{\"error\":\"Too many signature checks are running right now.\"}"));
        assertEquals(new SigningBackend.Busy("The signing service is busy. Please try again in a minute.", 60),
                check(SECRET, 429, "{\"message\":\"Too Many Requests\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"match\":\"false\",\"timestamp\":\"1\",\"signature\":\"c2ln\",\"message_to_sign\":{\"text\":\"x\",\"bytes\":1}}",
        "{\"match\":false,\"timestamp\":\"1\",\"signature\":\"c2ln\"}",
        "{\"match\":false,\"timestamp\":\"1\",\"signature\":\"c2ln\",\"message_to_sign\":{\"text\":\"x\",\"bytes\":1},\"algorithm\":\"sha3\"}",
        "{\"match\":false,\"timestamp\":\"1\",\"signature\":\"c2ln\",\"message_to_sign\":{\"text\":\"x\",\"bytes\":1},\"explanations\":[{\"cause\":\"x\"}]}",
        "[true]",
    })
    void verdictThatIsNotTheContract_isUnavailable(String reply) {
        SigningBackend.Problem problem = (SigningBackend.Problem) check(SECRET, 200, reply);

        assertEquals(502, problem.status());
        assertTrue(problem.message().contains("not reachable"), problem.message());
    }

    @Test
    void theFormsRequestId_goesWithEverySigningAndCheck_soThatTheApisAuditLineCarriesIt() {
        sign(SECRET, 503, "{}");
        assertEquals(REQUEST_ID, requestIdHeader);
        requestIdHeader = null;
        check(SECRET, 503, "{}");
        assertEquals(REQUEST_ID, requestIdHeader);
    }
}
