package dev.hmac.tests.deploy;

import dev.hmac.core.audit.EmbeddedMetrics;
import dev.hmac.core.audit.Failure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hmac.tests.deploy.Template.at;
import static dev.hmac.tests.deploy.Template.list;
import static dev.hmac.tests.deploy.Template.map;
import static dev.hmac.tests.deploy.Template.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * infra/template.yaml against the jars the build made and the rules the deployment must keep: what it deploys
 * is what the tests run, and no secret is ever a template value.
 */
class DeploymentTemplateIT {
    private static final Set<String> LAMBDA_HANDLER_INTERFACES = Set.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private static Template template;
    /** The parameters that turn the form's single sign-on on. */
    static final Map<String, String> SSO_ON = Map.of(
            "WebFormImageUri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hmac-web-form:1.0.0",
            "WebFormCertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/0f8e2c1a-5b4d-4e6f-8a9b-0c1d2e3f4a5b",
            "WebFormOidcIssuer", "https://idp.example.com",
            "WebFormOidcAuthorizationEndpoint", "https://idp.example.com/authorize",
            "WebFormOidcTokenEndpoint", "https://idp.example.com/token",
            "WebFormOidcUserInfoEndpoint", "https://idp.example.com/userinfo",
            "WebFormOidcClientId", "hmac-form",
            "WebFormOidcClientSecretName", "hmac/oidc-client-secret");
    private static final Map<String, String> SSO_OFF = Map.of(
            "WebFormImageUri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hmac-web-form:1.0.0",
            "WebFormCertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/0f8e2c1a-5b4d-4e6f-8a9b-0c1d2e3f4a5b");

    @BeforeAll
    static void load() throws Exception {
        template = Template.load();
    }

    /** Each zip function, its container image twin, and the Dockerfile that builds the image. */
    private static final Map<String, String> IMAGE_TWINS = Map.of(
            Template.SIGNATURE_FUNCTION, Template.SIGNATURE_IMAGE_FUNCTION,
            Template.SLACK_FUNCTION, Template.SLACK_IMAGE_FUNCTION);
    private static final Map<String, Path> DOCKERFILES = Map.of(
            Template.SIGNATURE_IMAGE_FUNCTION, Dockerfile.API_IMAGE,
            Template.SLACK_IMAGE_FUNCTION, Dockerfile.BOT_IMAGE);

    @Test
    void everyHandler_isALambdaHandlerClassInTheBuiltJarItsCodeUriNames() throws Exception {
        Map<String, String> handlers = new LinkedHashMap<>();
        for (String id : IMAGE_TWINS.keySet()) {
            Path jar = template.codeUri(id);
            assertTrue(jar.toString().endsWith(".jar") && Files.isRegularFile(jar),
                    id + ": CodeUri must name a jar the build made: " + jar);
            assertEquals(Boolean.TRUE, at(template.resource(id), "Metadata", "SkipBuild"),
                    id + ": sam build must take the prebuilt jar as it is");
            String handler = template.handler(id);
            handlers.put(id, handler);
            String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
            // Only the jar, over the JDK: what the function has on Lambda besides the runtime's own jars.
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> type = Class.forName(className, false, loader);
                assertTrue(interfaces(type).stream().anyMatch(LAMBDA_HANDLER_INTERFACES::contains),
                        id + ": " + className + " implements neither RequestHandler nor RequestStreamHandler: " + interfaces(type));
                assertTrue(Modifier.isPublic(type.getModifiers()) && Modifier.isPublic(type.getConstructor().getModifiers()),
                        id + ": the runtime needs a public class with a public no-argument constructor");
                List<Method> methods = new ArrayList<>();
                for (Method method : type.getMethods()) {
                    if (method.getName().equals(methodName) && !method.isBridge()) {
                        methods.add(method);
                    }
                }
                assertFalse(methods.isEmpty(), id + ": no public method " + methodName + " in " + className);
            }
        }
        assertEquals(Map.of(
                Template.SIGNATURE_FUNCTION, "dev.hmac.api.lambda.SignatureHandler::handleRequest",
                Template.SLACK_FUNCTION, "dev.hmac.bot.lambda.SlackEventsHandler::handleRequest"), handlers);
        assertTrue(template.codeUri(Template.SIGNATURE_FUNCTION).endsWith(Path.of("api/target/hmac-api.jar")));
        assertTrue(template.codeUri(Template.SLACK_FUNCTION).endsWith(Path.of("bot-lambda/target/hmac-bot.jar")));
    }

    @Test
    void everyImageFunction_isItsZipTwin_withTheSameAliasSecretsAndLogs_builtFromItsDockerfile() throws Exception {
        assertEquals(2 * IMAGE_TWINS.size(),
                template.resources("AWS::Serverless::Function").size(), "a zip function and its image, nothing else");
        for (Map.Entry<String, String> twins : IMAGE_TWINS.entrySet()) {
            String zipId = twins.getKey();
            String imageId = twins.getValue();
            Map<String, Object> zip = template.function(zipId);
            Map<String, Object> image = template.function(imageId);
            String packaging = zipId + "Packaging";
            assertEquals(Set.of("zip", "image"), Set.copyOf(list(map(template.parameters().get(packaging)).get("AllowedValues"))));
            assertEquals("zip", map(template.parameters().get(packaging)).get("Default"), "zip unless asked");
            Map<String, String> asImage = Map.of(packaging, "image");
            assertFalse(template.condition((String) template.resource(zipId).get("Condition"), asImage), zipId);
            assertTrue(template.condition((String) template.resource(imageId).get("Condition"), asImage), imageId);
            assertTrue(template.condition((String) template.resource(zipId).get("Condition"), Map.of()), zipId);
            assertFalse(template.condition((String) template.resource(imageId).get("Condition"), Map.of()), imageId);

            assertEquals("Image", image.get("PackageType"));
            assertEquals(zipId + "ImageUri", ref(image.get("ImageUri")));
            for (String property : List.of("Runtime", "Handler", "Layers", "CodeUri", "SnapStart")) {
                assertNull(image.get(property), imageId + " has " + property);
            }
            for (String property : List.of("AutoPublishAlias", "MemorySize", "Timeout", "LoggingConfig", "Policies",
                    "Architectures")) {
                assertEquals(zip.get(property), image.get(property), imageId + "." + property + " as " + zipId + "'s");
            }
            Map<String, Object> zipVariables = new LinkedHashMap<>(map(at(zip, "Environment", "Variables")));
            zipVariables.keySet().removeIf(name -> name.startsWith("PARAMETERS_SECRETS_EXTENSION_"));
            assertEquals(zipVariables, map(at(image, "Environment", "Variables")), imageId + "'s variables");

            Dockerfile dockerfile = Dockerfile.load(DOCKERFILES.get(imageId));
            String jar = template.codeUri(zipId).getFileName().toString();
            assertEquals("public.ecr.aws/lambda/java:21", dockerfile.last("FROM"), "Corretto 21, as java21");
            assertEquals(List.of(template.handler(zipId)), dockerfile.cmd(), "the image's handler is the zip's");
            Path root = Template.INFRA.getParent();
            assertTrue(dockerfile.all("COPY").contains(root.relativize(template.codeUri(zipId)) + " /opt/hmac/" + jar),
                    dockerfile.all("COPY").toString());
            assertEquals(List.of("/opt/hmac/entrypoint", "/opt/hmac/" + jar), dockerfile.entrypoint());
        }
    }

    @Test
    void everyFunction_runsOnJava21OrJava25_throughItsPublishedAlias() throws Exception {
        for (String id : template.resources("AWS::Serverless::Function").keySet()) {
            Map<String, Object> function = template.function(id);
            Object runtime = "Image".equals(function.get("PackageType"))
                    ? Dockerfile.load(DOCKERFILES.get(id)).last("FROM").replace("public.ecr.aws/lambda/java:", "java")
                    : function.get("Runtime");
            assertTrue(Set.of("java21", "java25").contains(runtime), id + ": " + runtime);
            assertNotNull(function.get("AutoPublishAlias"), id + ": API Gateway must call a published alias");
            assertTrue(function.get("MemorySize") instanceof Integer && function.get("Timeout") instanceof Integer, id);
        }
        assertEquals("PublishedVersions",
                at(template.function(Template.SLACK_FUNCTION), "SnapStart", "ApplyOn"), "SnapStart on the bot");
    }

    @Test
    void signatureAndVerifyNeedAnApiKey_slackEventsDoesNot_onARestApiWithAUsagePlan() {
        assertTrue(template.resources("AWS::Serverless::HttpApi").isEmpty(), "an HTTP API has no API keys");
        assertEquals(Set.of("HmacApi"), template.resources("AWS::Serverless::Api").keySet());
        for (String id : template.resources("AWS::Serverless::Function").keySet()) {
            assertNull(template.properties(id).get("Events"), id + ": the routes are the API's, whichever function exists");
        }
        Map<String, Object> paths = map(at(template.properties("HmacApi"), "DefinitionBody", "paths"));
        Map<String, Object> keyRequired = new LinkedHashMap<>();
        paths.forEach((path, item) -> map(item).forEach((method, operation) ->
                keyRequired.put(method + " " + path, at(operation, "security"))));
        List<Object> apiKey = List.of(Map.of("api_key", List.of()));
        assertEquals(Map.of("post /signature", apiKey, "post /verify", apiKey, "post /slack/events", List.of()),
                keyRequired);
        assertEquals(Map.of("type", "apiKey", "name", "x-api-key", "in", "header"),
                at(template.properties("HmacApi"), "DefinitionBody", "components", "securitySchemes", "api_key"));

        Map<String, String> routes = Map.of("/signature", Template.SIGNATURE_FUNCTION, "/verify", Template.SIGNATURE_FUNCTION,
                "/slack/events", Template.SLACK_FUNCTION);
        for (Template.Packaging packaging : Template.Packaging.values()) {
            Map<String, String> chosen = packaging.parameters();
            routes.forEach((path, zipId) -> {
                String function = packaging == Template.Packaging.ZIP ? zipId : IMAGE_TWINS.get(zipId);
                Object uri = template.decided(at(paths, path, "post", "x-amazon-apigateway-integration", "uri"), chosen);
                assertTrue(String.valueOf(uri).contains("${" + function + ".Alias}"), path + " as " + packaging + ": " + uri);
                Map<String, Object> permission = template.resources("AWS::Lambda::Permission").values().stream()
                        .filter(p -> String.valueOf(at(p, "Properties", "SourceArn", "Fn::Sub")).endsWith("/POST" + path))
                        .findFirst().orElseThrow(() -> new AssertionError("no permission for " + path));
                assertEquals(function + ".Alias", ref(template.decided(at(permission, "Properties", "FunctionName"), chosen)));
                assertEquals("apigateway.amazonaws.com", at(permission, "Properties", "Principal"));
            });
        }
        assertEquals(Boolean.TRUE, template.properties("HmacApi").get("AlwaysDeploy"),
                "a packaging switch changes the routes' targets, not the definition's text SAM's redeployment watches");

        Map<String, Object> plan = template.properties("ApiUsagePlan");
        assertEquals("HmacApi", ref(at(list(plan.get("ApiStages")).get(0), "ApiId")));
        assertNotNull(at(plan, "Throttle", "RateLimit"));
        assertNotNull(at(plan, "Throttle", "BurstLimit"));
        assertNotNull(at(plan, "Quota", "Limit"));
        Map<String, Object> planKey = template.properties("WebFormApiKeyInUsagePlan");
        assertEquals("ApiUsagePlan", ref(planKey.get("UsagePlanId")));
        assertEquals("AWS::ApiGateway::ApiKey", template.resource(ref(planKey.get("KeyId"))).get("Type"));
    }

    @Test
    void noParameterHoldsASecret_andNoneDefaultsOne() {
        Map<String, Object> parameters = template.parameters();
        Pattern secretValueName = Pattern.compile("(?i).*(secret|token|password|apikey|key)$");
        parameters.forEach((name, definition) -> {
            Map<String, Object> parameter = map(definition);
            // NoEcho would only hide a value typed at deploy time: secrets come from Secrets Manager instead.
            assertNull(parameter.get("NoEcho"), name + " is NoEcho: a plaintext secret parameter");
            assertFalse(secretValueName.matcher(name).matches(), name + " looks like it holds a secret value");
        });

        Map<String, Object> slackSecret = map(parameters.get("SlackSecretArn"));
        assertNull(slackSecret.get("Default"), "no default secret ARN");
        Pattern arnOnly = Pattern.compile((String) slackSecret.get("AllowedPattern"));
        assertTrue(arnOnly.matcher("arn:aws:secretsmanager:eu-west-1:123456789012:secret:hmac/slack-AbCdEf").matches());
        assertFalse(arnOnly.matcher("xoxb-1234-5678-abcdef").matches(), "a token is refused");
        assertFalse(arnOnly.matcher("8f742231b10e8888abcd99yyyzzz85a5").matches(), "a signing secret is refused");

        for (String id : template.resources("AWS::Serverless::Function").keySet()) {
            Map<String, Object> variables = map(at(template.function(id), "Environment", "Variables"));
            for (String secret : List.of("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "HMAC_API_KEY")) {
                assertFalse(variables.containsKey(secret), id + " sets " + secret + " in its configuration");
            }
        }
    }

    @Test
    void slackSecrets_comeFromSecretsManager_throughTheExtensionOrDirectlyInTheImage_readableByTheBotOnly() throws Exception {
        for (String id : List.of(Template.SLACK_FUNCTION, Template.SLACK_IMAGE_FUNCTION)) {
            Map<String, Object> slack = template.function(id);
            assertEquals("SlackSecretArn", ref(at(slack, "Environment", "Variables", "SLACK_SECRET_ARN")));
            List<Object> statements = new ArrayList<>();
            for (Object policy : list(slack.get("Policies"))) {
                statements.addAll(list(map(policy).get("Statement")));
            }
            assertEquals(1, statements.size(), id + ": one statement: " + statements);
            Map<String, Object> statement = map(statements.get(0));
            assertEquals("Allow", statement.get("Effect"));
            assertEquals("secretsmanager:GetSecretValue", statement.get("Action"));
            assertEquals("SlackSecretArn", ref(statement.get("Resource")), "that one secret, no wildcard");
        }
        String layer = String.valueOf(list(template.function(Template.SLACK_FUNCTION).get("Layers")));
        assertTrue(layer.contains(":layer:AWS-Parameters-and-Secrets-Lambda-Extension:"), layer);
        assertEquals("off", Dockerfile.load(Dockerfile.BOT_IMAGE).env().get("HMAC_SECRETS_EXTENSION"),
                "no layer in an image: its init must not wait for the extension");

        for (String id : List.of(Template.SIGNATURE_FUNCTION, Template.SIGNATURE_IMAGE_FUNCTION)) {
            assertNull(template.function(id).get("Policies"), id + ": the REST function reads no secret");
            assertNull(template.function(id).get("Layers"));
        }
    }

    @Test
    void apiGateway_logsNoBodiesAndNoKeys_andEveryLogGroupExpires() {
        Map<String, Object> api = template.properties("HmacApi");
        List<Object> methodSettings = list(api.get("MethodSettings"));
        assertFalse(methodSettings.isEmpty());
        for (Object setting : methodSettings) {
            assertEquals(Boolean.FALSE, map(setting).get("DataTraceEnabled"), "data tracing logs request bodies");
            assertTrue(Set.of("OFF", "ERROR").contains(map(setting).get("LoggingLevel")), String.valueOf(setting));
        }
        String format = (String) at(api, "AccessLogSetting", "Format");
        assertNotNull(format);
        assertFalse(format.contains("$context.identity.apiKey\""), "the key's value, not its id");
        assertFalse(format.contains("$input") || format.toLowerCase().contains("body"), format);
        assertEquals("ApiAccessLogs", ((List<?>) at(api, "AccessLogSetting", "DestinationArn", "Fn::GetAtt")).get(0));

        Map<String, Map<String, Object>> logGroups = template.resources("AWS::Logs::LogGroup");
        logGroups.forEach((id, group) -> assertNotNull(at(group, "Properties", "RetentionInDays"), id + " never expires"));
        for (String id : template.resources("AWS::Serverless::Function").keySet()) {
            String logGroup = ref(at(template.function(id), "LoggingConfig", "LogGroup"));
            assertTrue(logGroups.containsKey(logGroup), id + " logs to a group of this template: " + logGroup);
        }
    }

    @Test
    void webForm_onFargate_getsTheApiUrlAndKeyFromSecretsManager_behindAHealthCheckedLoadBalancer() throws Exception {
        Map<String, Object> task = template.properties("WebFormTask");
        Map<String, Object> container = map(list(task.get("ContainerDefinitions")).get(0));
        Map<String, String> secrets = new LinkedHashMap<>();
        for (Object secret : list(container.get("Secrets"))) {
            secrets.put((String) map(secret).get("Name"), String.valueOf(map(secret).get("ValueFrom")));
        }
        assertEquals(Set.of("HMAC_API_URL", "HMAC_API_KEY"), secrets.keySet());
        secrets.forEach((name, valueFrom) -> assertTrue(valueFrom.contains("${WebFormSettings}:" + name + "::"), valueFrom));
        assertEquals("AWS::SecretsManager::Secret", template.resource("WebFormSettings").get("Type"));
        for (Object variable : list(template.decided(container.get("Environment"), SSO_ON))) {
            assertFalse(secrets.containsKey(map(variable).get("Name")), "in plain text: " + variable);
        }
        assertNull(task.get("TaskRoleArn"), "the form needs no AWS access");

        Dockerfile dockerfile = Dockerfile.load();
        int port = Integer.parseInt(dockerfile.env().get("PORT"));
        assertEquals(List.of(port), list(container.get("PortMappings")).stream().map(m -> map(m).get("ContainerPort")).toList());
        Map<String, Object> targetGroup = template.properties("WebFormTargetGroup");
        assertEquals("/healthz", targetGroup.get("HealthCheckPath"));
        assertEquals(port, targetGroup.get("Port"));
        Map<String, Object> loadBalancer = map(list(template.properties("WebFormService").get("LoadBalancers")).get(0));
        assertEquals(port, loadBalancer.get("ContainerPort"));
        assertEquals("WebFormTargetGroup", ref(loadBalancer.get("TargetGroupArn")));
        assertEquals("HTTPS", template.properties("WebFormHttpsListener").get("Protocol"));

        // Least privilege: every permission of the execution role names its resource, but the ECR login.
        for (Object policy : list(template.properties("WebFormExecutionRole").get("Policies"))) {
            for (Object statement : list(at(policy, "PolicyDocument", "Statement"))) {
                Object resource = map(statement).get("Resource");
                if ("*".equals(resource)) {
                    assertEquals("ecr:GetAuthorizationToken", map(statement).get("Action"), String.valueOf(statement));
                }
            }
        }
        assertNull(template.properties("WebFormExecutionRole").get("ManagedPolicyArns"), "no broad managed policy");
    }

    @Test
    void outputs_giveTheUrlsAndTheKeyId_underTheNamesTheReadmeAndManifestUse() throws Exception {
        Map<String, Object> outputs = map(template.root().get("Outputs"));
        assertTrue(((String) at(outputs, "SignatureUrl", "Value", "Fn::Sub")).endsWith("/Prod/signature"));
        assertTrue(((String) at(outputs, "SlackRequestUrl", "Value", "Fn::Sub")).endsWith("/Prod/slack/events"));
        assertEquals("WebFormApiKey", ref(at(outputs, "ApiKeyId", "Value")));
        assertNotNull(at(outputs, "WebFormUrl", "Value"));
        String manifest = Files.readString(Template.INFRA.resolveSibling("manifest.yml"));
        assertTrue(manifest.contains("SlackRequestUrl"), "manifest.yml names the output to paste");
    }

    @Test
    void environmentVariables_ofTheFunctionsAndTheContainer_areTheReadmes() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("hmac.readme", "../README.md")));
        Set<String> documented = new LinkedHashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(readme);
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> used = new LinkedHashSet<>();
        for (String id : template.resources("AWS::Serverless::Function").keySet()) {
            used.addAll(map(at(template.function(id), "Environment", "Variables")).keySet());
        }
        for (Object secret : list(map(list(template.properties("WebFormTask").get("ContainerDefinitions")).get(0)).get("Secrets"))) {
            used.add((String) map(secret).get("Name"));
        }
        for (Path dockerfile : List.of(Dockerfile.FILE, Dockerfile.BOT_IMAGE, Dockerfile.API_IMAGE)) {
            used.addAll(Dockerfile.load(dockerfile).env().keySet());
        }
        // The JVM's and the AWS extension's own variables are theirs to document.
        used.removeIf(name -> name.equals("JAVA_TOOL_OPTIONS") || name.startsWith("PARAMETERS_SECRETS_EXTENSION_"));
        for (String name : used) {
            if (!documented.contains(name)) {
                fail(name + " is set by infra/ but not in the README's table of environment variables " + documented);
            }
        }
    }

    @Test
    void bothFunctions_logJson_atAnApplicationLevelThatKeepsEveryAuditAndMetricLine() {
        // The audit lines are INFO, the counted failures WARN: a level above INFO would drop who signed what.
        Set<String> keepsInfo = Set.of("TRACE", "DEBUG", "INFO");
        for (String id : template.resources("AWS::Serverless::Function").keySet()) {
            Map<String, Object> logging = map(template.function(id).get("LoggingConfig"));
            assertEquals("JSON", logging.get("LogFormat"), id);
            assertTrue(keepsInfo.contains(logging.get("ApplicationLogLevel")), id + ": " + logging);
            assertNotNull(logging.get("SystemLogLevel"), id);
        }
    }

    @Test
    void savedQueries_readTheAuditLinesOfBothFunctionsAndTheForm() {
        Map<String, String> queries = new LinkedHashMap<>();
        template.resources("AWS::Logs::QueryDefinition").forEach((id, query) ->
                queries.put(String.valueOf(at(query, "Properties", "Name", "Fn::Sub")),
                        (String) at(query, "Properties", "QueryString")));
        assertEquals(List.of("${AWS::StackName}/signatures for a client id", "${AWS::StackName}/by a user",
                "${AWS::StackName}/failures"), List.copyOf(queries.keySet()));
        assertTrue(queries.get("${AWS::StackName}/signatures for a client id").contains("audit.clientid ="));
        assertTrue(queries.get("${AWS::StackName}/by a user").contains("audit.actor.user ="));
        assertTrue(queries.get("${AWS::StackName}/failures").contains("\"ERROR\""));
        for (Map<String, Object> query : template.resources("AWS::Logs::QueryDefinition").values()) {
            Object groups = at(query, "Properties", "LogGroupNames");
            List<String> withForm = list(template.decided(groups, SSO_OFF)).stream().map(Template::ref).toList();
            assertEquals(List.of("SignatureFunctionLogs", "SlackFunctionLogs", "WebFormLogs"), withForm);
            List<String> without = list(template.decided(groups, Map.of())).stream().map(Template::ref).toList();
            assertEquals(List.of("SignatureFunctionLogs", "SlackFunctionLogs"), without);
        }
    }

    @Test
    void alarms_onEachFunctionTheApiViewsOpenAndTheFormsHosts_notifyOneTopic_thatAlarmEmailSubscribes() {
        Map<String, String> alarms = new LinkedHashMap<>();
        template.resources("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            Map<String, Object> properties = map(alarm.get("Properties"));
            String key = properties.get("Namespace") + " " + properties.get("MetricName");
            if (properties.get("Namespace").equals("AWS/Lambda")) {
                // The function of whichever packaging is deployed.
                Object function = map(list(properties.get("Dimensions")).get(0)).get("Value");
                key += " " + list(map(function).get("Fn::If")).subList(1, 3).stream().map(Template::ref).toList();
            }
            alarms.put(key, id);
            assertEquals(List.of("AlarmTopic"), list(properties.get("AlarmActions")).stream().map(Template::ref).toList(), id);
        });
        assertEquals(Set.of(
                "AWS/Lambda Errors [SignatureImageFunction, SignatureFunction]",
                "AWS/Lambda Throttles [SignatureImageFunction, SignatureFunction]",
                "AWS/Lambda Errors [SlackImageFunction, SlackFunction]",
                "AWS/Lambda Throttles [SlackImageFunction, SlackFunction]",
                "AWS/ApiGateway 5XXError",
                EmbeddedMetrics.NAMESPACE + " " + Failure.VIEWS_OPEN.metric(),
                "AWS/ApplicationELB UnHealthyHostCount"), alarms.keySet());
        assertEquals("DeployWebForm", template.resource(alarms.get("AWS/ApplicationELB UnHealthyHostCount")).get("Condition"));
        assertEquals(1, template.properties(alarms.get(EmbeddedMetrics.NAMESPACE + " " + Failure.VIEWS_OPEN.metric()))
                .get("Threshold"), "any views.open failure");
        assertEquals("AWS::SNS::Topic", template.resource("AlarmTopic").get("Type"));
        Map<String, Object> subscription = template.resource("AlarmEmailSubscription");
        assertEquals("email", at(subscription, "Properties", "Protocol"));
        assertEquals("AlarmEmail", ref(at(subscription, "Properties", "Endpoint")));
        assertTrue(template.condition((String) subscription.get("Condition"), Map.of("AlarmEmail", "ops@example.com")));
        assertFalse(template.condition((String) subscription.get("Condition"), Map.of()));

        String dashboard = String.valueOf(template.properties("OperationsDashboard").get("DashboardBody"));
        for (String metric : List.of("Signatures", "Verifications", "InvalidRequests", Failure.VIEWS_OPEN.metric(),
                Failure.REPLY.metric(), Failure.SIGN_IN.metric(), "5XXError", "Errors", "Throttles", "UnHealthyHostCount")) {
            assertTrue(dashboard.contains(metric), "the dashboard shows " + metric);
        }
    }

    @Test
    void webFormSingleSignOn_isOffByDefault_andOnAuthenticatesFirst_withItsSecretByDynamicReference() {
        Object actions = template.properties("WebFormHttpsListener").get("DefaultActions");
        List<Object> off = list(template.decided(actions, SSO_OFF));
        assertEquals(List.of("forward"), off.stream().map(a -> map(a).get("Type")).toList(), "as before");
        List<Object> on = list(template.decided(actions, SSO_ON));
        assertEquals(List.of("authenticate-oidc", "forward"), on.stream().map(a -> map(a).get("Type")).toList());
        Map<String, Object> oidc = map(map(on.get(0)).get("AuthenticateOidcConfig"));
        for (String endpoint : List.of("Issuer", "AuthorizationEndpoint", "TokenEndpoint", "UserInfoEndpoint", "ClientId")) {
            assertEquals("WebFormOidc" + endpoint, ref(oidc.get(endpoint)), endpoint + " is a parameter");
        }
        assertEquals("{{resolve:secretsmanager:${WebFormOidcClientSecretName}:SecretString}}",
                at(oidc, "ClientSecret", "Fn::Sub"), "read from Secrets Manager, never a parameter's value");
        assertTrue(String.valueOf(oidc.get("Scope")).contains("email"), "the user the audit names");

        Map<String, Object> egress = template.resource("WebFormLoadBalancerToIdentityProvider");
        assertEquals("WebFormSso", egress.get("Condition"));
        assertEquals(443, at(egress, "Properties", "FromPort"));
        assertEquals(443, at(egress, "Properties", "ToPort"));
        assertTrue(template.condition("WebFormSso", SSO_ON));
        assertFalse(template.condition("WebFormSso", SSO_OFF));

        Map<String, Object> container = map(list(template.properties("WebFormTask").get("ContainerDefinitions")).get(0));
        Map<String, Object> variable = map(list(template.decided(container.get("Environment"), SSO_ON)).get(0));
        assertEquals("HMAC_ALB_ARN", variable.get("Name"));
        assertEquals("WebFormLoadBalancer", ref(variable.get("Value")), "the task checks this balancer's signature");
        assertEquals(List.of(), list(template.decided(container.get("Environment"), SSO_OFF)), "no sign-in check");
    }

    /** Every interface the class implements, through its superclasses and superinterfaces, by name. */
    private static Set<String> interfaces(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        List<Class<?>> todo = new ArrayList<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> next = todo.remove(0);
            if (next.getSuperclass() != null) {
                todo.add(next.getSuperclass());
            }
            for (Class<?> implemented : next.getInterfaces()) {
                if (names.add(implemented.getName())) {
                    todo.add(implemented);
                }
            }
        }
        return names;
    }
}
