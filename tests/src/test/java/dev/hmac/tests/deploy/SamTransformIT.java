package dev.hmac.tests.deploy;

import dev.hmac.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.hmac.tests.deploy.Template.at;
import static dev.hmac.tests.deploy.Template.list;
import static dev.hmac.tests.deploy.Template.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The template as AWS's own tools read it, offline: cfn-lint (CloudFormation's schemas and rules) and the SAM
 * translator (what {@code AWS::Serverless::*} becomes at deploy time). Both are Python packages; where they are
 * not installed the test is skipped, saying so.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SamTransformIT {
    private static final Path TEMPLATE = Template.INFRA.resolve("template.yaml");

    private static Map<?, ?> resources;

    @BeforeAll
    static void transform() throws Exception {
        assumeTrue(run("python3", "-c", "import cfnlint, samtranslator").exitCode() == 0,
                "cfn-lint and aws-sam-translator are not installed for python3");
        Path script = Path.of(SamTransformIT.class.getResource("/sam-transform.py").toURI());
        Result result = run("python3", script.toString(), TEMPLATE.toString(),
                "SlackSecretArn=arn:aws:secretsmanager:eu-west-1:123456789012:secret:hmac/slack-AbCdEf",
                "WebFormImageUri=123456789012.dkr.ecr.eu-west-1.amazonaws.com/hmac-web-form:1.0.0");
        assertEquals(0, result.exitCode(), result.errors());
        resources = (Map<?, ?>) ((Map<?, ?>) Json.parse(result.output())).get("Resources");
    }

    @Test
    void cfnLint_findsNothing() throws Exception {
        Result lint = run("python3", "-c", "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())",
                TEMPLATE.toString());
        assertEquals(0, lint.exitCode(), lint.output() + lint.errors());
    }

    @Test
    void apiGateway_asDeployed_asksForAKeyOnSignatureAndVerifyOnly_andCallsThePublishedAliases() {
        Map<?, ?> api = resources.values().stream().map(Template::map)
                .filter(r -> "AWS::ApiGateway::RestApi".equals(r.get("Type"))).findFirst().orElseThrow();
        Map<String, Object> paths = map(at(api, "Properties", "Body", "paths"));
        assertEquals(List.of("/signature", "/slack/events", "/verify"), paths.keySet().stream().sorted().toList());
        for (String path : List.of("/signature", "/verify")) {
            assertEquals(List.of(Map.of("api_key", List.of())), at(paths, path, "post", "security"), path);
            assertTrue(String.valueOf(at(paths, path, "post", "x-amazon-apigateway-integration", "uri"))
                    .contains("${SignatureFunctionAliaslive}"), path);
        }
        assertEquals(List.of(), at(paths, "/slack/events", "post", "security"));
        assertTrue(String.valueOf(at(paths, "/slack/events", "post", "x-amazon-apigateway-integration", "uri"))
                .contains("${SlackFunctionAliaslive}"));
        assertEquals("apiKey", at(api, "Properties", "Body", "components", "securitySchemes", "api_key", "type"));
    }

    @Test
    void functions_asDeployed_publishVersions_andTheBotsUsesSnapStart() {
        List<String> versions = new ArrayList<>();
        resources.forEach((id, resource) -> {
            if ("AWS::Lambda::Version".equals(map(resource).get("Type"))) {
                versions.add((String) id);
            }
        });
        assertEquals(2, versions.size(), versions.toString());
        Map<String, Object> slack = map(at(resources, Template.SLACK_FUNCTION, "Properties"));
        assertEquals("PublishedVersions", at(slack, "SnapStart", "ApplyOn"));
        assertEquals("java21", slack.get("Runtime"));
        assertFalse(list(slack.get("Layers")).isEmpty());
        Map<String, Object> stage = resources.values().stream().map(Template::map)
                .filter(r -> "AWS::ApiGateway::Stage".equals(r.get("Type"))).findFirst().orElseThrow();
        for (Object setting : list(at(stage, "Properties", "MethodSettings"))) {
            assertEquals(Boolean.FALSE, map(setting).get("DataTraceEnabled"));
        }
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
