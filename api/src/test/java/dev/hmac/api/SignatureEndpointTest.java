package dev.hmac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureEndpointTest {
    private static final String SECRET = "S6meLXlUY00YVML3";
    private final SignatureEndpoint endpoint = new SignatureEndpoint(
            new Signer(Clock.fixed(Instant.ofEpochSecond(1444762678L), ZoneOffset.UTC)));

    private ApiResponse post(String body) {
        return endpoint.handle("POST", "/signature", body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<?, ?> json(ApiResponse response) throws Exception {
        return (Map<?, ?>) Json.parse(response.body());
    }

    @Test
    void vector_returnsTheSignatureAndNeverTheSecret() throws Exception {
        ApiResponse response = post("{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"clientsecret\":\"S6meLXlUY00YVML3\"}");

        assertEquals(200, response.status());
        assertEquals(Map.of("callback", "https://apoorva.com", "clientid", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ",
                "timestamp", "1444762678", "signature", "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="), json(response));
        assertFalse(response.body().contains(SECRET));
        assertEquals("no-store", response.headers().get("Cache-Control"));
        assertEquals(ApiResponse.JSON, response.headers().get("Content-Type"));
    }

    @Test
    void timestampAsNumberOrString_isUsedAndReturnedAsString() throws Exception {
        String base = "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"timestamp\":";
        assertEquals("1444762678", json(post(base + "1444762678}")).get("timestamp"));
        assertEquals("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", json(post(base + "\"1444762678\"}")).get("signature"));
        assertEquals("1", json(post(base + "1}")).get("timestamp"));
    }

    @Test
    void oneBrokenRule_namesTheField() throws Exception {
        ApiResponse response = post("{\"callback\":\"apoorva.com\",\"clientid\":\"id\",\"clientsecret\":\"" + SECRET + "\"}");

        assertEquals(400, response.status());
        Map<?, ?> body = json(response);
        assertEquals("callback", body.get("field"));
        assertTrue(((String) body.get("error")).startsWith("Callback URL must be a full web address"));
        assertEquals("callback", response.field());
        assertFalse(response.body().contains(SECRET));
    }

    @Test
    void severalBrokenRules_listEveryFieldWithoutASingleFieldName() throws Exception {
        ApiResponse response = post("{\"clientsecret\":\"S6me\\tLXl\"}");

        Map<?, ?> body = json(response);
        assertEquals(400, response.status());
        assertNull(body.get("field"));
        assertEquals(Map.of("callback", "Callback URL is required.", "clientid", "Client ID is required.",
                "clientsecret", "Client secret must not contain control characters such as tabs or line breaks."),
                body.get("errors"));
        assertFalse(response.body().contains(SECRET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "\"text\"", "{\"callback\":", "{\"a\":1,\"a\":2}",
        "{\"callback\":\"https://a.com\",\"callback\":\"https://b.com\",\"clientid\":\"i\",\"clientsecret\":\"s\"}"})
    void malformedBodies_get400WithAJsonError(String body) throws Exception {
        ApiResponse response = post(body);

        assertEquals(400, response.status());
        assertTrue(((String) json(response).get("error")).length() > 10);
    }

    @Test
    void unknownField_isRefusedAndNearMissesAreNamed() throws Exception {
        String base = "\"callback\":\"https://a.com\",\"clientid\":\"i\",\"clientsecret\":\"" + SECRET + "\"";
        ApiResponse nearMiss = post("{\"callback\":\"https://a.com\",\"clientid\":\"i\",\"clientSecret\":\"" + SECRET + "\"}");
        ApiResponse unknown = post("{" + base + ",\"hunter2\":\"x\"}");

        assertEquals(400, nearMiss.status());
        assertEquals("Unknown field \"clientSecret\": did you mean \"clientsecret\"? Field names are lowercase.",
                json(nearMiss).get("error"));
        assertEquals(400, unknown.status());
        assertFalse(unknown.body().contains("hunter2"));
    }

    @Test
    void nonStringField_isAFieldError() throws Exception {
        ApiResponse response = post("{\"callback\":\"https://a.com\",\"clientid\":12,\"clientsecret\":\"s\"}");

        assertEquals(400, response.status());
        assertEquals("clientid", json(response).get("field"));
        assertEquals("Client ID must be text (a JSON string).", json(response).get("error"));
    }

    @Test
    void bodyOverSixteenKiB_gets413() throws Exception {
        ApiResponse response = post("{\"callback\":\"" + "x".repeat(16 * 1024) + "\"}");

        assertEquals(413, response.status());
        assertEquals("The request body is too large: at most 16 KiB.", json(response).get("error"));
    }

    @Test
    void wrongPathOrMethod_gets404Or405() {
        assertEquals(404, endpoint.handle("POST", "/sign", new byte[0]).status());
        ApiResponse get = endpoint.handle("GET", "/signature", new byte[0]);
        assertEquals(405, get.status());
        assertEquals("POST", get.headers().get("Allow"));
    }
}
