package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hmac.api.ApiResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

    private ApiResponse sign(String secret, int status, String reply) {
        this.status = status;
        this.reply = reply;
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("callback", "https://a.example/cb");
        request.put("clientid", "client-id");
        request.put("clientsecret", secret);
        URI url = URI.create("http://127.0.0.1:" + remote.getAddress().getPort() + "/signature");
        return new RemoteSigning(url, Optional.empty()).sign(request);
    }

    @Test
    void contractAnswers_arePassedOn() {
        String ok = "{\"callback\":\"https://a.example/cb\",\"clientid\":\"client-id\",\"timestamp\":\"1\",\"signature\":\"c2ln\"}";
        String invalid = "{\"error\":\"Callback URL is required.\",\"field\":\"callback\",\"errors\":{\"callback\":\"Callback URL is required.\"}}";

        assertEquals(new ApiResponse(200, ok, null, Map.of()), sign(SECRET, 200, ok));
        assertEquals(new ApiResponse(400, invalid, null, Map.of()), sign(SECRET, 400, invalid));
    }

    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "400 | {\"error\":\"Bad secret: S6meLXlUY00YVML3\"}",
        "400 | {\"error\":\"Invalid.\",\"errors\":{\"clientsecret\":\"  S6meLXlUY00YVML3 is not accepted\"}}",
        "200 | {\"signature\":\"c2ln\",\"clientid\":\"S6meLXlUY00YVML3\"}",
        "413 | {\"error\":\"too large\",\"echo\":[\"S6meLXlUY00YVML3\"]}",
    })
    void answerQuotingTheSecret_isNeverPassedOn(int status, String reply) {
        ApiResponse response = sign(" " + SECRET + " ", status, reply);

        assertEquals(502, response.status());
        assertFalse(response.body().contains(SECRET), response.body());
        assertTrue(response.body().contains("an answer this page can't show"), response.body());
    }

    @Test
    void shortSecret_isNotLookedFor_soOrdinaryMessagesStillShow() {
        String invalid = "{\"error\":\"Callback URL is required.\",\"errors\":{\"callback\":\"Callback URL is required.\"}}";

        assertEquals(400, sign("red", 400, invalid).status());
    }
}
