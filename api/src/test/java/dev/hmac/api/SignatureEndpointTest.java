package dev.hmac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.api.testing.OpenApiContract;
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
        ApiResponse response = endpoint.sign(body.getBytes(StandardCharsets.UTF_8));
        OpenApiContract.assertAnswer("POST", SignatureEndpoint.PATH, response.status(), response.headers(), response.body());
        return response;
    }

    private static Map<?, ?> json(ApiResponse response) throws Exception {
        return (Map<?, ?>) Json.parse(response.body());
    }

    @Test
    void vector_returnsTheSignatureAndNeverTheSecret() throws Exception {
        ApiResponse response = post("{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"clientsecret\":\"S6meLXlUY00YVML3\"}");

        assertEquals(200, response.status());
        // The original answer byte for byte, then the two options' canonical names.
        assertEquals("{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"timestamp\":\"1444762678\",\"signature\":\"WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=\","
                + "\"algorithm\":\"sha256\",\"encoding\":\"base64\"}", response.body());
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
    void options_signWithTheirAlgorithmAndEncoding_andAnswerTheirCanonicalNames() throws Exception {
        String base = "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"timestamp\":1444762678";

        Map<?, ?> sha512 = json(post(base + ",\"algorithm\":\"HmacSHA512\",\"encoding\":\"HEX\"}"));
        Map<?, ?> named = json(post(base + ",\"algorithm\":\"SHA-256\",\"encoding\":\"base64\"}"));
        Map<?, ?> url = json(post(base + ",\"encoding\":\"base64url\"}"));

        assertEquals("sha512", sha512.get("algorithm"));
        assertEquals("hex", sha512.get("encoding"));
        assertEquals(128, ((String) sha512.get("signature")).length());
        assertTrue(((String) sha512.get("signature")).matches("[0-9a-f]+"));
        assertEquals("sha256", named.get("algorithm"));
        assertEquals("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=", named.get("signature"));
        assertEquals("WRfKcxY3ddRv_mi8gi1OaU4Yd-yVL-L8tbwjqP8bMlQ=", url.get("signature"));
    }

    @Test
    void unknownOption_isAFieldError() throws Exception {
        ApiResponse response = post("{\"callback\":\"https://a.com\",\"clientid\":\"i\",\"clientsecret\":\"s\","
                + "\"algorithm\":\"sha3-256\",\"encoding\":\"base32\"}");

        assertEquals(400, response.status());
        assertEquals(Map.of("algorithm", "Algorithm must be one of sha256 (the default), sha384, sha512, sha224, sha1 or md5.",
                "encoding", "Encoding must be base64 (the default), base64url or hex."), json(response).get("errors"));
    }

    @Test
    void millisecondTimestamp_isRefusedWithTheSecondsMessage() throws Exception {
        ApiResponse response = post("{\"callback\":\"https://a.com\",\"clientid\":\"i\",\"clientsecret\":\"s\","
                + "\"timestamp\":1444762678000}");

        assertEquals(400, response.status());
        assertEquals("timestamp", json(response).get("field"));
        assertEquals("Timestamp must be in seconds, not milliseconds: Unix seconds have at most 10 digits, like 1444762678.",
                json(response).get("error"));
    }

    @Test
    void aSignatureField_pointsToVerify() throws Exception {
        ApiResponse response = post("{\"callback\":\"https://a.com\",\"clientid\":\"i\",\"clientsecret\":\"s\","
                + "\"signature\":\"c2ln\"}");

        assertEquals(400, response.status());
        assertEquals("POST /signature computes a signature and takes no \"signature\" field: to check one, send it to "
                + "POST /verify.", json(response).get("error"));
    }
}
