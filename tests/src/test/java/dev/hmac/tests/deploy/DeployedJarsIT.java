package dev.hmac.tests.deploy;

import dev.hmac.bot.PrivateMetadata;
import dev.hmac.aws.testing.FakeSecretsExtension;
import dev.hmac.aws.testing.FakeSecretsManager;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import dev.hmac.tests.lambda.LambdaProcess;
import dev.hmac.tests.lambda.RuntimeApiServer;
import dev.hmac.tests.lambda.RuntimeApiServer.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jars infra/template.yaml deploys, run as Lambda runs them: under the real runtime interface client, with
 * the handler, memory size and environment the template gives them (JAVA_TOOL_OPTIONS included), from the jar
 * or unzipped as Lambda unpacks a deployment package into /var/task, and fed the events API Gateway sends.
 * Every line they print is kept and searched for secrets.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeployedJarsIT {
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final String CALLBACK = "https://apoorva.com";
    private static final String CLIENT_ID = "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ";
    private static final String CLIENT_SECRET = "S6meLXlUY00YVML3";
    private static final String VECTOR_SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";
    /** The values stored in Secrets Manager, distinct from the ones the other tests set as variables. */
    private static final String STORED_SIGNING_SECRET = "stored-signing-secret-7d0f3a9e51c2b8";
    private static final String STORED_BOT_TOKEN = "xoxb-7777-stored-in-secrets-manager";

    private static Template template;

    /** How the deployment package reaches the runtime. */
    enum Packaging {
        /** The jar on the classpath, next to the runtime's jars. */
        JAR,
        /** Unzipped into the task root, the working directory, as Lambda does with /var/task. */
        UNZIPPED
    }

    @BeforeAll
    static void load() throws Exception {
        template = Template.load();
    }

    @ParameterizedTest
    @EnumSource(Packaging.class)
    void apiJar_signsAndChecks_forApiGatewayEventsAndTheOriginalsDirectEvent(Packaging packaging, @TempDir Path taskRoot) throws Exception {
        String body = "{\"callback\":\"" + CALLBACK + "\",\"clientid\":\"" + CLIENT_ID + "\",\"clientsecret\":\""
                + CLIENT_SECRET + "\",\"timestamp\":\"1444762678\"}";
        Map<String, String> headers = Map.of("Content-Type", "application/json", "x-api-key", "k3y");
        try (RuntimeApiServer api = RuntimeApiServer.start("hmac-signature", Duration.ofSeconds(10))) {
            var plain = api.enqueue(ProxyEvents.event("POST", "/signature", headers, body, false));
            var base64 = api.enqueue(ProxyEvents.event("POST", "/signature", headers, body, true));
            var direct = api.enqueue("{\"callback\":\"" + CALLBACK + "\",\"clientsecret\":\"" + CLIENT_SECRET
                    + "\",\"clientid\":\"" + CLIENT_ID + "\"}");
            var invalid = api.enqueue(ProxyEvents.event("POST", "/signature", headers,
                    "{\"callback\":\"example.com\",\"clientid\":\"a\",\"clientsecret\":\"" + CLIENT_SECRET + "\"}", false));
            var match = api.enqueue(ProxyEvents.event("POST", "/verify", headers,
                    body.replace("}", ",\"signature\":\"" + VECTOR_SIGNATURE + "\"}"), true));
            var mismatch = api.enqueue(ProxyEvents.event("POST", "/verify", headers,
                    body.replace("1444762678", "1444762679").replace("}", ",\"signature\":\"" + VECTOR_SIGNATURE + "\"}"),
                    false));
            LambdaProcess lambda = launch(Template.SIGNATURE_FUNCTION, api, Map.of(), packaging, taskRoot).start();
            try (lambda) {
                for (var event : List.of(plain, base64)) {
                    Map<?, ?> reply = proxyReply(event.await(ANSWER), lambda);
                    assertEquals(200, ((Number) reply.get("statusCode")).intValue(), lambda::output);
                    assertEquals(Boolean.FALSE, reply.get("isBase64Encoded"));
                    assertTrue(String.valueOf(reply.get("headers")).contains("application/json"), String.valueOf(reply));
                    Map<?, ?> signed = (Map<?, ?>) Json.parse((String) reply.get("body"));
                    assertEquals(VECTOR_SIGNATURE, signed.get("signature"));
                    assertEquals("1444762678", signed.get("timestamp"));
                    assertFalse(((String) reply.get("body")).contains(CLIENT_SECRET));
                }

                // The console test event of the original: no API Gateway around it, the object itself back.
                Outcome directOutcome = direct.await(ANSWER);
                assertEquals(Outcome.Kind.RESPONSE, directOutcome.kind(), lambda::output);
                Map<?, ?> signed = (Map<?, ?>) Json.parse(directOutcome.body());
                assertEquals(CALLBACK, signed.get("callback"));
                assertEquals(CLIENT_ID, signed.get("clientid"));
                assertEquals(sign(CLIENT_SECRET, CALLBACK, CLIENT_ID, (String) signed.get("timestamp")), signed.get("signature"));
                assertFalse(directOutcome.body().contains(CLIENT_SECRET));

                Map<?, ?> refused = proxyReply(invalid.await(ANSWER), lambda);
                assertEquals(400, ((Number) refused.get("statusCode")).intValue());
                assertEquals("callback", ((Map<?, ?>) Json.parse((String) refused.get("body"))).get("field"));

                Map<?, ?> matched = (Map<?, ?>) Json.parse((String) proxyReply(match.await(ANSWER), lambda).get("body"));
                assertEquals(true, matched.get("match"), matched.toString());
                Map<?, ?> verdict = (Map<?, ?>) Json.parse((String) proxyReply(mismatch.await(ANSWER), lambda).get("body"));
                assertEquals(false, verdict.get("match"));
                assertEquals("timestamp", ((Map<?, ?>) ((List<?>) verdict.get("explanations")).get(0)).get("cause"));
                assertEquals(-1L, ((Number) ((Map<?, ?>) ((List<?>) verdict.get("explanations")).get(0))
                        .get("offset_seconds")).longValue());
            }
            assertTemplateJvmOptionsApplied(Template.SIGNATURE_FUNCTION, lambda);
            assertNoSecretIn(lambda, CLIENT_SECRET);
        }
    }

    /** Where the bot's Slack secrets come from, and how its package reaches the runtime. */
    enum BotSetup {
        /** As a local run or a test sets them: variables; the jar on the classpath. */
        VARIABLES(Packaging.JAR),
        /** As deployed: the Parameters and Secrets extension, which first answers "not ready"; unzipped. */
        EXTENSION(Packaging.UNZIPPED),
        /** As deployed, with an extension that never gets ready at init (as AWS documents it): Secrets Manager itself. */
        SECRETS_MANAGER(Packaging.UNZIPPED);

        final Packaging packaging;

        BotSetup(Packaging packaging) {
            this.packaging = packaging;
        }
    }

    @ParameterizedTest
    @EnumSource(BotSetup.class)
    void botJar_opensTheModal_repliesPrivatelyToSigningAndChecking_andRefusesForgeries(BotSetup setup, @TempDir Path taskRoot) throws Exception {
        boolean stored = setup != BotSetup.VARIABLES;
        String signingSecret = stored ? STORED_SIGNING_SECRET : SlackRequests.SIGNING_SECRET;
        String botToken = stored ? STORED_BOT_TOKEN : SlackRequests.BOT_TOKEN;
        try (RuntimeApiServer api = RuntimeApiServer.start("hmac-slack", Duration.ofSeconds(10));
             FakeSlack slack = new FakeSlack();
             FakeSecretsExtension extension = new FakeSecretsExtension().slackSecret(STORED_SIGNING_SECRET, STORED_BOT_TOKEN)
                     .notReadyFor(setup == BotSetup.EXTENSION ? 2 : Integer.MAX_VALUE);
             FakeSecretsManager secretsManager = new FakeSecretsManager()
                     .slackSecret(FakeSecretsExtension.SECRET_ARN, STORED_SIGNING_SECRET, STORED_BOT_TOKEN)) {
            Map<String, String> lambdaVariables = new HashMap<>();
            if (stored) {
                // What Lambda sets for every function: its credentials; the endpoint only points at the fake.
                lambdaVariables.putAll(secretsManager.lambdaCredentials(FakeSecretsExtension.SESSION_TOKEN));
                lambdaVariables.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.port()));
            } else {
                lambdaVariables.put("SLACK_SIGNING_SECRET", signingSecret);
                lambdaVariables.put("SLACK_BOT_TOKEN", botToken);
            }
            LambdaProcess lambda = launch(Template.SLACK_FUNCTION, api,
                    Map.of("SlackSecretArn", FakeSecretsExtension.SECRET_ARN, "SlackApiUrl", slack.apiUrl()),
                    setup.packaging, taskRoot, lambdaVariables).start();
            try (lambda) {
                long signedAt = SlackRequests.now();
                for (boolean base64 : List.of(false, true)) {
                    slack.clear();
                    String command = SlackRequests.slashCommand("", slack.responseUrl("1"), "1111.2222.trigger");
                    Map<?, ?> reply = proxyReply(api.enqueue(ProxyEvents.slackEvent(
                            // A second apart: the same signed bytes again would be a replay, acknowledged unhandled.
                            SlackRequests.sign(command, signedAt - (base64 ? 1 : 0), signingSecret), base64))
                            .await(ANSWER), lambda);

                    assertEquals(200, ((Number) reply.get("statusCode")).intValue(), lambda::output);
                    assertEquals(1, slack.calls().size(), "exactly one Slack call: " + slack.calls());
                    FakeSlack.Call open = slack.methodCalls("views.open").get(0);
                    assertEquals("Bearer " + botToken, open.header("Authorization"));
                    assertEquals("1111.2222.trigger", ((Map<?, ?>) Json.parse(open.body())).get("trigger_id"));
                }

                slack.clear();
                String submission = SlackRequests.viewSubmission(SlackRequests.vectorValues(),
                        new PrivateMetadata(slack.responseUrl("42"), "D0001").toJson());
                Map<?, ?> submitted = proxyReply(api.enqueue(ProxyEvents.slackEvent(
                        SlackRequests.sign(submission, SlackRequests.now(), signingSecret), false)).await(ANSWER), lambda);
                assertEquals(200, ((Number) submitted.get("statusCode")).intValue(), lambda::output);
                FakeSlack.Call post = slack.await("/commands/", 1, ANSWER).get(0);
                assertEquals("/commands/T0001/42", post.path());
                Map<?, ?> message = (Map<?, ?>) Json.parse(post.body());
                assertEquals("ephemeral", message.get("response_type"));
                assertTrue(post.body().contains(VECTOR_SIGNATURE), post.body());
                assertFalse(post.body().contains(CLIENT_SECRET));

                slack.clear();
                String check = SlackRequests.checkSubmission(SlackRequests.vectorCheckValues(),
                        new PrivateMetadata(slack.responseUrl("43"), "D0001").toJson());
                Map<?, ?> checked = proxyReply(api.enqueue(ProxyEvents.slackEvent(
                        SlackRequests.sign(check, SlackRequests.now(), signingSecret), true)).await(ANSWER), lambda);
                assertEquals(200, ((Number) checked.get("statusCode")).intValue(), lambda::output);
                FakeSlack.Call verdict = slack.await("/commands/", 1, ANSWER).get(0);
                assertEquals("/commands/T0001/43", verdict.path());
                assertTrue(verdict.body().contains("It matches."), verdict.body());
                assertFalse(verdict.body().contains(CLIENT_SECRET));

                slack.clear();
                String forged = ProxyEvents.slackEvent(SlackRequests.sign(
                        SlackRequests.slashCommand("", slack.responseUrl("2"), "3333.4444.trigger"),
                        SlackRequests.now(), "not-the-signing-secret"), false);
                assertEquals(401, ((Number) proxyReply(api.enqueue(forged).await(ANSWER), lambda).get("statusCode")).intValue());
                assertTrue(slack.calls().isEmpty(), slack.calls().toString());
            }
            switch (setup) {
                case VARIABLES -> {
                    assertTrue(extension.calls().isEmpty(), "variables win: the extension is not asked");
                    assertTrue(secretsManager.calls().isEmpty());
                }
                case EXTENSION -> {
                    assertEquals(3, extension.calls().size(), "two 'not ready' answers, then the secret");
                    extension.calls().forEach(call -> assertEquals(
                            new FakeSecretsExtension.Call(FakeSecretsExtension.SECRET_ARN, FakeSecretsExtension.SESSION_TOKEN), call));
                    assertTrue(secretsManager.calls().isEmpty());
                }
                case SECRETS_MANAGER -> {
                    assertFalse(extension.calls().isEmpty());
                    assertEquals(List.of(new FakeSecretsManager.Call(FakeSecretsExtension.SECRET_ARN, true,
                            FakeSecretsExtension.SESSION_TOKEN)), secretsManager.calls());
                }
            }
            assertTemplateJvmOptionsApplied(Template.SLACK_FUNCTION, lambda);
            assertNoSecretIn(lambda, CLIENT_SECRET, signingSecret, botToken, FakeSecretsExtension.SESSION_TOKEN,
                    FakeSecretsManager.SECRET_ACCESS_KEY);
        }
    }

    private static LambdaProcess.Builder launch(String functionId, RuntimeApiServer api, Map<String, String> parameters,
                                                Packaging packaging, Path taskRoot) throws Exception {
        return launch(functionId, api, parameters, packaging, taskRoot, Map.of());
    }

    /** The function as the template defines it, plus the variables Lambda itself would add. */
    private static LambdaProcess.Builder launch(String functionId, RuntimeApiServer api, Map<String, String> parameters,
                                                Packaging packaging, Path taskRoot, Map<String, String> lambdaVariables)
            throws Exception {
        LambdaProcess.Builder builder = LambdaProcess.builder(template.handler(functionId))
                .runtimeApi(api)
                .functionName(api.functionArn().substring(api.functionArn().lastIndexOf(':') + 1))
                .memoryMb(template.memorySize(functionId));
        template.environment(functionId, parameters).forEach(builder::env);
        lambdaVariables.forEach(builder::env);
        Path jar = template.codeUri(functionId);
        if (packaging == Packaging.UNZIPPED) {
            builder.taskRoot(LambdaProcess.unzip(jar, taskRoot));
        } else {
            builder.handlerJar(jar);
        }
        return builder;
    }

    /** The function's answer as API Gateway reads a proxy integration's reply. */
    private static Map<?, ?> proxyReply(Outcome outcome, LambdaProcess lambda) throws Exception {
        assertEquals(Outcome.Kind.RESPONSE, outcome.kind(), lambda::output);
        Map<?, ?> reply = (Map<?, ?>) Json.parse(outcome.body());
        assertTrue(reply.get("statusCode") instanceof Number && reply.get("body") instanceof String, outcome.body());
        return reply;
    }

    /** The JVM announces JAVA_TOOL_OPTIONS when it takes them; an option it refused would have stopped it. */
    private static void assertTemplateJvmOptionsApplied(String functionId, LambdaProcess lambda) {
        String options = template.environment(functionId, Map.of("SlackSecretArn", "", "SlackApiUrl", "")).get("JAVA_TOOL_OPTIONS");
        assertTrue(options != null && !options.isBlank(), "the template sets JAVA_TOOL_OPTIONS");
        assertTrue(lambda.lines().stream().anyMatch(line -> line.text().equals("Picked up JAVA_TOOL_OPTIONS: " + options)),
                lambda::output);
    }

    private static void assertNoSecretIn(LambdaProcess lambda, String... secrets) {
        List<LambdaProcess.Line> lines = lambda.lines();
        assertFalse(lines.isEmpty());
        for (LambdaProcess.Line line : lines) {
            for (String secret : secrets) {
                assertFalse(line.text().contains(secret), () -> "a secret in the function's output: " + line.text());
            }
        }
    }

    /** The signing rule, written out again here rather than borrowed from the code under test. */
    private static String sign(String secret, String callback, String clientId, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((secret + callback + clientId + timestamp).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(digest);
    }
}
