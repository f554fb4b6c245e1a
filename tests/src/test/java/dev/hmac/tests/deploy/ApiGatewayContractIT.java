package dev.hmac.tests.deploy;

import static dev.hmac.tests.deploy.Template.at;
import static dev.hmac.tests.deploy.Template.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.core.json.Json;
import dev.hmac.core.testing.WrongSignatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What API Gateway checks and answers by itself, as the template declares it, against the REST contract
 * ({@code api/openapi.yaml}): the models are the document's request schemas, each keyed route checks its body
 * against its model whatever the Content-Type, and the gateway's own answers are the contract's errors. SAM keeps
 * all of it in both packagings: {@link SamTransformIT}.
 */
class ApiGatewayContractIT {
    private static final Map<String, String> MODELS = Map.of("/signature", "SignatureRequest", "/verify", "VerificationRequest");
    /** Draft 4 keywords of presence and type; none of a rule the gateway's messages would quote a value for. */
    private static final Set<String> STRUCTURAL = Set.of("title", "type", "required", "properties", "additionalProperties",
            "anyOf");
    /** The answers the gateway gives itself, and their status (null: the type's own). */
    private static final Map<String, Integer> GATEWAY_ANSWERS = new LinkedHashMap<>();

    static {
        GATEWAY_ANSWERS.put("BAD_REQUEST_BODY", 400);
        GATEWAY_ANSWERS.put("API_KEY_INVALID", 403);
        GATEWAY_ANSWERS.put("MISSING_AUTHENTICATION_TOKEN", 404);
        GATEWAY_ANSWERS.put("REQUEST_TOO_LARGE", 413);
        GATEWAY_ANSWERS.put("THROTTLED", 429);
        GATEWAY_ANSWERS.put("QUOTA_EXCEEDED", 429);
        GATEWAY_ANSWERS.put("DEFAULT_4XX", null);
        GATEWAY_ANSWERS.put("DEFAULT_5XX", null);
    }

    private static Map<String, Object> api;
    private static Map<String, Object> models;

    @BeforeAll
    static void load() throws Exception {
        api = Template.load().properties("HmacApi");
        models = map(at(api, "DefinitionBody", "components", "schemas"));
    }

    @Test
    void models_areTheDocumentsRequestSchemas_withoutTheirWords() {
        Map<String, Object> schemas = map(at(OpenApiContract.document(), "components", "schemas"));
        assertEquals(Set.copyOf(MODELS.values()), models.keySet());
        for (String name : MODELS.values()) {
            assertEquals(withoutDescriptions(schemas.get(name)), models.get(name), name);
        }
    }

    @Test
    void models_sayOnlyWhichFieldsAndOfWhatType() {
        for (Map.Entry<String, Object> model : models.entrySet()) {
            List<String> keywords = new ArrayList<>();
            keywords(model.getValue(), false, keywords);
            assertTrue(STRUCTURAL.containsAll(keywords), model.getKey() + ": " + keywords);
        }
    }

    @Test
    void keyedRoutes_checkTheirBodyAgainstTheirModel_whateverTheContentType() {
        Map<String, Object> body = map(api.get("DefinitionBody"));
        assertEquals(Map.of("validateRequestBody", true, "validateRequestParameters", false),
                at(body, "x-amazon-apigateway-request-validators", "body"));
        MODELS.forEach((path, model) -> {
            Map<String, Object> operation = map(at(body, "paths", path, "post"));
            assertEquals("body", operation.get("x-amazon-apigateway-request-validator"), path);
            assertEquals(Boolean.TRUE, at(operation, "requestBody", "required"), path);
            // $default: API Gateway checks a body only against the model of its content type, if it has one.
            assertEquals(Map.of("$default", Map.of("schema", Map.of("$ref", "#/components/schemas/" + model))),
                    at(operation, "requestBody", "content"), path);
        });
        // Slack's bodies are form-encoded and signed: the function checks the signature before reading them.
        assertNull(at(body, "paths", "/slack/events", "post", "requestBody"));
    }

    @Test
    void models_passWhatTheFunctionTakes_andRefuseTheWrongShape() {
        SchemaRegistry draft4 = SchemaRegistry.withDialect(Dialects.getDraft4());
        Schema signing = draft4.getSchema(Json.write(models.get("SignatureRequest")), InputFormat.JSON);
        Schema checking = draft4.getSchema(Json.write(models.get("VerificationRequest")), InputFormat.JSON);
        Map<String, Object> check = new LinkedHashMap<>(WrongSignatures.match().request());
        check.put("algorithm", "SHA-256");
        check.put("encoding", "base64");
        Map<String, Object> sign = new LinkedHashMap<>(check);
        sign.remove("signature");

        assertEquals(List.of(), signing.validate(Json.write(sign), InputFormat.JSON), sign.keySet().toString());
        assertEquals(List.of(), checking.validate(Json.write(check), InputFormat.JSON), check.keySet().toString());
        for (WrongSignatures.Case wrong : WrongSignatures.oneForEachCause()) {
            assertEquals(List.of(), checking.validate(Json.write(wrong.request()), InputFormat.JSON), wrong.name());
        }
        String fields = "\"callback\":\"https://a.example\",\"clientid\":\"id\",\"clientsecret\":\"s\"";
        for (String timestamp : List.of("1444762678", "\"1444762678\"", "1444762678.0")) {
            assertEquals(List.of(), signing.validate("{" + fields + ",\"timestamp\":" + timestamp + "}", InputFormat.JSON));
        }
        for (String wrongShape : List.of("[]", "\"text\"", "{}", "{\"callback\":\"https://a.example\",\"clientid\":\"id\"}",
                "{" + fields.replace("clientsecret", "clientSecret") + "}", "{" + fields + ",\"admin\":true}",
                "{" + fields + ",\"timestamp\":{}}", "{" + fields.replace("\"s\"", "12") + "}",
                "{" + fields + ",\"signature\":\"x\"}")) {
            assertFalse(signing.validate(wrongShape, InputFormat.JSON).isEmpty(), wrongShape);
        }
        assertFalse(checking.validate("{" + fields + "}", InputFormat.JSON).isEmpty(), "a check without its signature");
    }

    @Test
    void gatewaysOwnAnswers_areTheContractsErrors_withTheHeadersOfEveryAnswer() throws Exception {
        Map<String, Object> answers = map(api.get("GatewayResponses"));
        assertEquals(GATEWAY_ANSWERS.keySet(), answers.keySet());
        for (Map.Entry<String, Integer> expected : GATEWAY_ANSWERS.entrySet()) {
            Map<String, Object> answer = map(answers.get(expected.getKey()));
            String what = expected.getKey();
            assertEquals(expected.getValue(), answer.get("StatusCode"), what);
            assertEquals(Map.of("Cache-Control", "'no-store'", "X-Content-Type-Options", "'nosniff'"),
                    at(answer, "ResponseParameters", "Headers"), what);
            Map<String, Object> templates = map(answer.get("ResponseTemplates"));
            assertEquals(Set.of("application/json"), templates.keySet(), what);
            String template = (String) templates.get("application/json");
            // Fixed words: no $context variable, which could bring the request's own text into the answer.
            assertFalse(template.contains("$") || template.contains("#"), what + ": " + template);
            OpenApiContract.assertBody("/components/schemas/Error", template, what);
        }
    }

    /** The schema with every description left out: words for people, not rules. */
    private static Object withoutDescriptions(Object node) {
        if (node instanceof Map<?, ?> object) {
            Map<String, Object> out = new LinkedHashMap<>();
            object.forEach((key, value) -> {
                if (!"description".equals(key)) {
                    out.put((String) key, withoutDescriptions(value));
                }
            });
            return out;
        }
        if (node instanceof List<?> array) {
            return array.stream().map(ApiGatewayContractIT::withoutDescriptions).toList();
        }
        return node;
    }

    /** The schema keywords used, walking into subschemas (the names under properties are fields, not keywords). */
    private static void keywords(Object node, boolean fieldNames, List<String> out) {
        if (node instanceof Map<?, ?> object) {
            object.forEach((key, value) -> {
                if (!fieldNames) {
                    out.add((String) key);
                }
                keywords(value, "properties".equals(key) && !fieldNames, out);
            });
        } else if (node instanceof List<?> array) {
            array.forEach(item -> keywords(item, false, out));
        }
    }
}
