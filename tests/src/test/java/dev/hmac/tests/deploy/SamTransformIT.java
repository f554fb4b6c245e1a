package dev.hmac.tests.deploy;

import dev.hmac.core.json.Json;
import dev.hmac.tests.deploy.Template.Packaging;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.hmac.tests.deploy.Template.at;
import static dev.hmac.tests.deploy.Template.list;
import static dev.hmac.tests.deploy.Template.map;
import static dev.hmac.tests.deploy.Template.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The template as AWS's own tools read it, offline, for each way the functions can be packaged: cfn-lint
 * (CloudFormation's schemas and rules) and the SAM translator (what {@code AWS::Serverless::*} becomes at deploy
 * time), then the translator's output with its conditions decided as CloudFormation would decide them for those
 * parameters. Both are Python packages; where they are not installed the test is skipped, saying so.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SamTransformIT {
    private static final Path TEMPLATE = Template.INFRA.resolve("template.yaml");
    private static final String SLACK_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hmac/slack-AbCdEf";
    private static final String WEB_FORM_IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hmac-web-form:1.0.0";

    private static Template template;
    /** The translator's resources, for each packaging, with the template's conditions decided. */
    private static final Map<Packaging, Map<String, Object>> deployed = new EnumMap<>(Packaging.class);

    @BeforeAll
    static void transform() throws Exception {
        assumeTrue(run("python3", "-c", "import cfnlint, samtranslator").exitCode() == 0,
                "cfn-lint and aws-sam-translator are not installed for python3");
        template = Template.load();
        Path script = Path.of(SamTransformIT.class.getResource("/sam-transform.py").toURI());
        for (Packaging packaging : Packaging.values()) {
            List<String> command = new ArrayList<>(List.of("python3", script.toString(), TEMPLATE.toString()));
            parameters(packaging).forEach((name, value) -> command.add(name + "=" + value));
            Result result = run(command.toArray(String[]::new));
            assertEquals(0, result.exitCode(), packaging + ": " + result.errors());
            Map<?, ?> resources = (Map<?, ?>) ((Map<?, ?>) Json.parse(result.output())).get("Resources");
            Map<String, Object> existing = new LinkedHashMap<>();
            resources.forEach((id, resource) -> {
                Object condition = map(resource).get("Condition");
                if (condition == null || template.condition((String) condition, parameters(packaging))) {
                    existing.put((String) id, template.decided(resource, parameters(packaging)));
                }
            });
            deployed.put(packaging, existing);
        }
    }

    private static Map<String, String> parameters(Packaging packaging) {
        Map<String, String> values = new LinkedHashMap<>(packaging.parameters());
        values.put("SlackSecretArn", SLACK_SECRET_ARN);
        values.put("WebFormImageUri", WEB_FORM_IMAGE);
        return values;
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void cfnLint_findsNothing(Packaging packaging) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())",
                TEMPLATE.toString(), "--parameters"));
        parameters(packaging).forEach((name, value) -> command.add(name + "=" + value));
        Result lint = run(command.toArray(String[]::new));
        assertEquals(0, lint.exitCode(), lint.output() + lint.errors());
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void withSingleSignOnAndAlarmEmail_cfnLintFindsNothing_andTheTranslatedListenerSignsPeopleInFirst(Packaging packaging)
            throws Exception {
        Map<String, String> values = new LinkedHashMap<>(parameters(packaging));
        values.putAll(DeploymentTemplateIT.SSO_ON);
        values.put("AlarmEmail", "ops@example.com");
        List<String> lint = new ArrayList<>(List.of("python3", "-c",
                "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())",
                TEMPLATE.toString(), "--parameters"));
        List<String> translate = new ArrayList<>(List.of("python3",
                Path.of(SamTransformIT.class.getResource("/sam-transform.py").toURI()).toString(), TEMPLATE.toString()));
        values.forEach((name, value) -> {
            lint.add(name + "=" + value);
            translate.add(name + "=" + value);
        });
        Result linted = run(lint.toArray(String[]::new));
        assertEquals(0, linted.exitCode(), linted.output() + linted.errors());
        Result translated = run(translate.toArray(String[]::new));
        assertEquals(0, translated.exitCode(), translated.errors());

        Map<?, ?> resources = (Map<?, ?>) ((Map<?, ?>) Json.parse(translated.output())).get("Resources");
        Object actions = template.decided(at(resources.get("WebFormHttpsListener"), "Properties", "DefaultActions"), values);
        assertEquals(List.of("authenticate-oidc", "forward"), list(actions).stream().map(a -> map(a).get("Type")).toList());
        for (String id : List.of("WebFormLoadBalancerToIdentityProvider", "AlarmEmailSubscription")) {
            assertTrue(template.condition((String) map(resources.get(id)).get("Condition"), values), id);
        }
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void apiGateway_asDeployed_asksForAKeyOnSignatureAndVerifyOnly_andCallsTheDeployedFunctionsAliases(Packaging packaging) {
        Map<String, Object> resources = deployed.get(packaging);
        Map<String, Object> api = single(resources, "AWS::ApiGateway::RestApi");
        Map<String, Object> paths = map(at(api, "Properties", "Body", "paths"));
        assertEquals(Set.of("/signature", "/verify", "/slack/events"), paths.keySet());
        for (String path : List.of("/signature", "/verify")) {
            assertEquals(List.of(Map.of("api_key", List.of())), at(paths, path, "post", "security"), path);
        }
        assertEquals(List.of(), at(paths, "/slack/events", "post", "security"));
        assertEquals("apiKey", at(api, "Properties", "Body", "components", "securitySchemes", "api_key", "type"));
        assertEquals("x-api-key", at(api, "Properties", "Body", "components", "securitySchemes", "api_key", "name"));

        Map<String, String> routes = Map.of("/signature", packaging.signatureFunction,
                "/verify", packaging.signatureFunction, "/slack/events", packaging.slackFunction);
        routes.forEach((path, function) -> {
            String alias = function + "Aliaslive";
            assertEquals("AWS::Lambda::Alias", map(resources.get(alias)).get("Type"), alias + " exists");
            assertTrue(String.valueOf(at(paths, path, "post", "x-amazon-apigateway-integration", "uri"))
                    .contains("${" + alias + "}"), path + " calls " + alias);
            Map<String, Object> permission = permissionFor(resources, path);
            assertEquals(alias, ref(at(permission, "Properties", "FunctionName")), path + "'s permission");
        });
        assertTrue(deployments(resources) == 1, "one deployment of the API");
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void functions_asDeployed_publishTheLiveAlias_withTheSameSecretsAndLogs_andSnapStartOnTheZipBotOnly(Packaging packaging) {
        Map<String, Object> resources = deployed.get(packaging);
        List<String> functions = new ArrayList<>();
        resources.forEach((id, resource) -> {
            if ("AWS::Lambda::Function".equals(map(resource).get("Type"))) {
                functions.add(id);
            }
        });
        assertEquals(List.of(packaging.signatureFunction, packaging.slackFunction).stream().sorted().toList(),
                functions.stream().sorted().toList(), "one function of each, the other packaging's absent");
        for (String function : functions) {
            assertEquals("live", at(resources.get(function + "Aliaslive"), "Properties", "Name"));
            assertEquals(function, ref(at(resources.get(function + "Aliaslive"), "Properties", "FunctionName")));
        }

        Map<String, Object> slack = map(at(resources, packaging.slackFunction, "Properties"));
        Map<String, Object> signature = map(at(resources, packaging.signatureFunction, "Properties"));
        assertEquals("SlackSecretArn", ref(at(slack, "Environment", "Variables", "SLACK_SECRET_ARN")));
        assertEquals("SlackFunctionLogs", ref(at(slack, "LoggingConfig", "LogGroup")));
        assertEquals("SignatureFunctionLogs", ref(at(signature, "LoggingConfig", "LogGroup")));
        String roleId = (String) list(at(slack, "Role", "Fn::GetAtt")).get(0);
        Map<String, Object> role = map(at(resources, roleId, "Properties"));
        String policies = String.valueOf(role.get("Policies"));
        assertTrue(policies.contains("secretsmanager:GetSecretValue") && policies.contains("SlackSecretArn"), policies);
        if (packaging == Packaging.ZIP) {
            assertEquals("java21", slack.get("Runtime"));
            assertEquals("PublishedVersions", at(slack, "SnapStart", "ApplyOn"));
            assertFalse(list(slack.get("Layers")).isEmpty(), "the secrets extension");
        } else {
            for (Map<String, Object> function : List.of(slack, signature)) {
                assertEquals("Image", function.get("PackageType"));
                assertNull(function.get("Runtime"));
                assertNull(function.get("Handler"));
                assertNull(function.get("Layers"));
                assertNull(function.get("SnapStart"), "images cannot have SnapStart");
            }
            assertEquals(Template.BOT_IMAGE_URI, at(slack, "Code", "ImageUri"));
            assertEquals(Template.API_IMAGE_URI, at(signature, "Code", "ImageUri"));
        }
        Map<String, Object> stage = single(resources, "AWS::ApiGateway::Stage");
        for (Object setting : list(at(stage, "Properties", "MethodSettings"))) {
            assertEquals(Boolean.FALSE, map(setting).get("DataTraceEnabled"));
        }
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void apiGateway_asDeployed_checksKeyedBodiesAgainstTheModels_andAnswersItselfInTheContractsShape(Packaging packaging) {
        Map<String, Object> body = map(at(single(deployed.get(packaging), "AWS::ApiGateway::RestApi"), "Properties", "Body"));
        Map<String, Object> declared = map(template.properties("HmacApi").get("DefinitionBody"));
        assertEquals(at(declared, "components", "schemas"), at(body, "components", "schemas"));
        assertEquals(at(declared, "x-amazon-apigateway-request-validators"), body.get("x-amazon-apigateway-request-validators"));
        for (String path : List.of("/signature", "/verify")) {
            assertEquals(at(declared, "paths", path, "post", "requestBody"), at(body, "paths", path, "post", "requestBody"), path);
            assertEquals("body", at(body, "paths", path, "post", "x-amazon-apigateway-request-validator"), path);
        }
        Map<String, Object> answers = map(body.get("x-amazon-apigateway-gateway-responses"));
        map(template.properties("HmacApi").get("GatewayResponses")).forEach((type, declaredAnswer) -> {
            Map<String, Object> answer = map(answers.get(type));
            Object status = map(declaredAnswer).get("StatusCode");
            assertEquals(status == null ? null : String.valueOf(status), answer.get("statusCode"), type);
            assertEquals(Map.of("gatewayresponse.header.Cache-Control", "'no-store'",
                    "gatewayresponse.header.X-Content-Type-Options", "'nosniff'"), answer.get("responseParameters"), type);
            assertEquals(at(declaredAnswer, "ResponseTemplates"), answer.get("responseTemplates"), type);
        });
    }

    /** The permission API Gateway needs to call the function of this route. */
    private static Map<String, Object> permissionFor(Map<String, Object> resources, String path) {
        List<Map<String, Object>> found = new ArrayList<>();
        resources.values().forEach(resource -> {
            String sourceArn = String.valueOf(at(resource, "Properties", "SourceArn", "Fn::Sub"));
            if ("AWS::Lambda::Permission".equals(map(resource).get("Type")) && sourceArn.endsWith("/POST" + path)) {
                found.add(map(resource));
            }
        });
        assertEquals(1, found.size(), "one permission for " + path + ": " + found);
        return found.get(0);
    }

    private static int deployments(Map<String, Object> resources) {
        return (int) resources.values().stream().filter(r -> "AWS::ApiGateway::Deployment".equals(map(r).get("Type"))).count();
    }

    private static Map<String, Object> single(Map<String, Object> resources, String type) {
        List<Map<String, Object>> found = resources.values().stream().map(Template::map)
                .filter(r -> type.equals(r.get("Type"))).toList();
        assertEquals(1, found.size(), type);
        return found.get(0);
    }

    private record Result(int exitCode, String output, String errors) {
    }

    /** Runs a command, its standard output and error kept apart (the translator warns on standard error). */
    private static Result run(String... command) throws Exception {
        Path errors = Files.createTempFile("sam-transform", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
            builder.environment().put("AWS_DEFAULT_REGION", "eu-west-1");
            Process process;
            try {
                process = builder.start();
            } catch (IOException noPython) {
                return new Result(-1, "", String.valueOf(noPython));
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            process.getInputStream().transferTo(output);
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
            return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8), Files.readString(errors));
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
