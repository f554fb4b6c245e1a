package dev.hmac.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.core.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API of the server jar, started as a user starts it, against an independent HMAC implementation. */
class RestApiIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> post(String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.uri().resolve("/signature"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        OpenApiContract.assertAnswer(response);
        return response;
    }

    @Test
    void vector_matchesTheOriginal() throws Exception {
        HttpResponse<String> response = post("{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"timestamp\":\"1444762678\"}");

        assertEquals(200, response.statusCode());
        assertEquals("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", ((Map<?, ?>) Json.parse(response.body())).get("signature"));
    }

    @Test
    void randomUtf8Inputs_matchPythonsHmac() throws Exception {
        Random random = new Random(20261124L);
        List<Map<String, Object>> inputs = new ArrayList<>();
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("callback", "https://" + word(random, 1, 20, true) + ".example/" + word(random, 0, 60, false));
            input.put("clientid", word(random, 1, 64, false));
            input.put("clientsecret", word(random, 1, 64, false));
            input.put("timestamp", Long.toString(1 + (random.nextLong() & Long.MAX_VALUE) % 9_999_999_999L));
            HttpResponse<String> response = post(Json.write(input));
            assertEquals(200, response.statusCode(), response.body());
            Map<?, ?> body = (Map<?, ?>) Json.parse(response.body());
            assertEquals(input.get("timestamp"), body.get("timestamp"));
            assertFalse(response.body().contains((String) input.get("clientsecret")));
            served.add((String) body.get("signature"));
            inputs.add(input);
        }

        assertEquals(IndependentHmac.signatures(inputs), served);
    }

    @Test
    void logs_neverHoldTheSecret() throws Exception {
        String secret = "CANARY-7f3c1e-\u00e9\u00df\u4e2d";
        post("{\"callback\":\"https://a.example\",\"clientid\":\"id\",\"clientsecret\":\"" + secret + "\"}");
        post("{\"callback\":\"not a url\",\"clientid\":\"id\",\"clientsecret\":\"" + secret + "\"}");
        post("{\"callback\":\"https://a.example\",\"clientid\":\"id\",\"clientsecret\":\"" + secret + "\",\"x\":1}");

        List<String> output = server.awaitOutput(lines -> lines.stream()
                .filter(line -> line.contains("POST /signature 400")).count() >= 2, Duration.ofSeconds(10));
        assertEquals(2, output.stream().filter(line -> line.contains("POST /signature 400")).count(), output.toString());
        assertTrue(output.stream().noneMatch(line -> line.contains("CANARY")), output.toString());
    }

    /**
     * Random text mixing ASCII, accented Latin, CJK, emoji (surrogate pairs) and symbols; no control
     * characters or surrounding spaces (the rules refuse or trim those).
     */
    private static String word(Random random, int min, int max, boolean hostSafe) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        while (sb.codePointCount(0, sb.length()) < length) {
            int kind = hostSafe ? 0 : random.nextInt(5);
            int cp = switch (kind) {
                case 0 -> "abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36));
                case 1 -> 0x00C0 + random.nextInt(0x17F - 0xC0);
                case 2 -> 0x4E00 + random.nextInt(0x9FFF - 0x4E00);
                case 3 -> 0x1F600 + random.nextInt(0x4F);
                default -> "!#$%&'()*+,-./:;=?@[]_~".charAt(random.nextInt(23));
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
