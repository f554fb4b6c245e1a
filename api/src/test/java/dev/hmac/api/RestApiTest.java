package dev.hmac.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.core.Signer;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.WrongSignatures;
import dev.hmac.core.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RestApiTest {
    private final RestApi api = new RestApi(new SignatureEndpoint(new Signer()), new VerificationEndpoint(new Verifier()));

    @Test
    void eachPath_reachesItsEndpoint() throws Exception {
        byte[] check = Json.write(WrongSignatures.match().request()).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> inputs = new java.util.LinkedHashMap<>(WrongSignatures.match().request());
        inputs.remove("signature");
        byte[] sign = Json.write(inputs).getBytes(StandardCharsets.UTF_8);

        assertEquals(true, ((Map<?, ?>) Json.parse(api.handle("POST", "/verify", check).body())).get("match"));
        assertEquals(WrongSignatures.SIGNATURE, ((Map<?, ?>) Json.parse(api.handle("POST", "/signature", sign).body()))
                .get("signature"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/signature", "/verify"})
    void otherMethods_get405WithAllow(String path) throws Exception {
        ApiResponse response = api.handle("GET", path, null);
        OpenApiContract.assertAnswer("GET", path, response.status(), response.headers(), response.body());

        assertEquals(405, response.status());
        assertEquals("POST", response.headers().get("Allow"));
        assertEquals("Method not allowed. Use POST " + path + ".", ((Map<?, ?>) Json.parse(response.body())).get("error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sign", "/verify/", "/", "/signature/verify"})
    void otherPaths_get404NamingBothEndpoints(String path) throws Exception {
        ApiResponse response = api.handle("POST", path, new byte[0]);
        OpenApiContract.assertAnswer("POST", path, response.status(), response.headers(), response.body());

        assertEquals(404, response.status());
        assertEquals("Not found. This API has two endpoints: POST /signature and POST /verify.",
                ((Map<?, ?>) Json.parse(response.body())).get("error"));
    }
}
