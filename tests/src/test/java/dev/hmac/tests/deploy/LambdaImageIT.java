package dev.hmac.tests.deploy;

import dev.hmac.aws.testing.FakeSecretsManager;
import dev.hmac.aws.testing.LoopbackTls;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import dev.hmac.tests.lambda.ImageTraining;
import dev.hmac.tests.lambda.LambdaProcess;
import dev.hmac.tests.lambda.RuntimeApiServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The functions' Lambda container images (infra/bot-image, infra/api-image), as far as they can be proved without a
 * Docker engine: their training script, infra/lambda-image/train, writes each jar's class-data archive with this JDK,
 * and the jar is then started as the image's ENTRYPOINT starts it (infra/lambda-image/entrypoint) with that archive
 * required ({@code -Xshare:on}): a JVM that could not use it would not start at all. The archive is this JDK's, not the
 * image's Corretto 21's: it proves the mechanism, not that build (docs/deploy.md).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LambdaImageIT {
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final Path ENTRYPOINT = Template.INFRA.resolve("lambda-image/entrypoint");
    private static final Path TRAIN = Template.INFRA.resolve("lambda-image/train");
    private static final Path TRAINING_JAR = Path.of(System.getProperty("hmac.buildDir", "target"), "hmac-image-training.jar");
    private static final Path RUNTIME_DIR = Path.of(System.getProperty(LambdaProcess.RUNTIME_DIR_PROPERTY, "target/lambda-runtime"));
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:hmac/slack-AbCdEf";
    private static final String SESSION_TOKEN = "image-test-session-token";
    private static final String STORED_BOT_TOKEN = "xoxb-4242-stored-for-the-image";
    private static final String VECTOR_BODY = "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
            + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"timestamp\":\"1444762678\"}";
    private static final String VECTOR_SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    /** Stands for the image's /opt/hmac: the jars, and the archives the training writes beside them. */
    @TempDir
    static Path image;
    private static Template template;
    private static Path botJar;
    private static Path apiJar;
    private static LoopbackTls tls;

    @BeforeAll
    static void train() throws Exception {
        template = Template.load();
        botJar = Files.copy(template.codeUri(Template.SLACK_FUNCTION), image.resolve("hmac-bot.jar"));
        apiJar = Files.copy(template.codeUri(Template.SIGNATURE_FUNCTION), image.resolve("hmac-api.jar"));
        for (Map.Entry<String, Path> function : Map.of("bot", botJar, "api", apiJar).entrySet()) {
            String output = train(function.getKey(), function.getValue());
            assertTrue(output.contains("the function answered"), output);
            assertTrue(Files.size(ImageTraining.archiveOf(function.getValue())) > 0, output);
        }
        tls = LoopbackTls.create(Files.createDirectories(image.resolve("tls")), Path.of(System.getProperty("java.home")));
    }

    /** infra/lambda-image/train, run as the image build runs it, with this JDK. */
    private static String train(String function, Path jar) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(TRAIN.toString(), function, jar.toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("LAMBDA_RUNTIME_DIR", RUNTIME_DIR.toAbsolutePath().toString());
        builder.environment().put("HMAC_TRAINING_JAR", TRAINING_JAR.toAbsolutePath().toString());
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertTrue(process.waitFor(200, TimeUnit.SECONDS), "train " + function + " did not finish");
        String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    @Test
    void dockerfiles_trainAndStartThroughTheScriptsThisTestRuns_withTheirJarAtOnePath() throws Exception {
        Map<Path, ImageTraining.Function> images = Map.of(Dockerfile.BOT_IMAGE, ImageTraining.Function.BOT,
                Dockerfile.API_IMAGE, ImageTraining.Function.API);
        for (Map.Entry<Path, ImageTraining.Function> entry : images.entrySet()) {
            Dockerfile dockerfile = Dockerfile.load(entry.getKey());
            String function = entry.getValue().name().toLowerCase(java.util.Locale.ROOT);
            List<String> entrypoint = dockerfile.entrypoint();
            assertEquals("/opt/hmac/entrypoint", entrypoint.get(0));
            String jar = entrypoint.get(1);
            assertEquals(List.of(entry.getValue().handler()), dockerfile.cmd());
            assertTrue(dockerfile.all("COPY").contains("infra/lambda-image/entrypoint infra/lambda-image/train /opt/hmac/"),
                    "the scripts this test runs: " + dockerfile.all("COPY"));
            String training = dockerfile.last("RUN");
            assertTrue(training.contains("--mount=type=bind,source=tests/target/hmac-image-training.jar,target=/tmp/hmac-image-training.jar")
                    && training.contains("HMAC_TRAINING_JAR=/tmp/hmac-image-training.jar")
                    && training.contains("/opt/hmac/train " + function + " " + jar), training);
            assertTrue(dockerfile.indexOf("RUN") < dockerfile.indexOf("ENTRYPOINT"));
            String ignored = dockerfile.ignoreFile();
            for (String kept : List.of("infra/lambda-image/entrypoint", "infra/lambda-image/train",
                    "tests/target/hmac-image-training.jar")) {
                assertTrue(ignored.contains("!" + kept), entry.getKey() + "'s build context must keep " + kept);
            }
        }
        assertTrue(Files.isExecutable(ENTRYPOINT) && Files.isExecutable(TRAIN));
        assertTrue(Files.isRegularFile(TRAINING_JAR), "mvn package builds " + TRAINING_JAR);
    }

    @Test
    void botImage_withItsArchiveRequired_readsItsSecretOverHttps_opensTheModal_andRepliesPrivately() throws Exception {
        try (RuntimeApiServer api = RuntimeApiServer.start("hmac-slack-image", Duration.ofSeconds(10));
             FakeSlack slack = new FakeSlack(tls.serverContext());
             FakeSecretsManager secretsManager = new FakeSecretsManager(tls.serverContext())
                     .slackSecret(SECRET_ARN, SlackRequests.SIGNING_SECRET, STORED_BOT_TOKEN)) {
            LambdaProcess.Builder builder = launch(Template.SLACK_IMAGE_FUNCTION, botJar, api, "require",
                    Map.of("SlackSecretArn", SECRET_ARN, "SlackApiUrl", slack.apiUrl()));
            Dockerfile.load(Dockerfile.BOT_IMAGE).env().forEach(builder::env);
            secretsManager.lambdaCredentials(SESSION_TOKEN).forEach(builder::env);
            LambdaProcess lambda = builder.start();
            try (lambda) {
                String command = SlackRequests.slashCommand("", slack.responseUrl("1"), "1111.2222.image");
                assertEquals(200, status(api.enqueue(ProxyEvents.slackEvent(SlackRequests.sign(command,
                        SlackRequests.now()), false)).await(ANSWER), lambda));
                assertEquals(1, slack.methodCalls("views.open").size(), slack.calls().toString());
                assertEquals("Bearer " + STORED_BOT_TOKEN, slack.methodCalls("views.open").get(0).header("Authorization"));

                String submission = SlackRequests.viewSubmission(SlackRequests.vectorValues(),
                        new PrivateMetadata(slack.responseUrl("42"), "D0001").toJson());
                assertEquals(200, status(api.enqueue(ProxyEvents.slackEvent(SlackRequests.sign(submission,
                        SlackRequests.now()), false)).await(ANSWER), lambda));
                assertTrue(slack.await("/commands/", 1, ANSWER).get(0).body().contains(VECTOR_SIGNATURE));

                List<String> java = commandLine(lambda);
                Path archive = ImageTraining.archiveOf(botJar);
                assertTrue(java.get(0).endsWith("/bin/java"), java.toString());
                for (String flag : List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-XX:+UseSerialGC",
                        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.io=ALL-UNNAMED",
                        "-XX:MaxHeapSize=" + template.memorySize(Template.SLACK_IMAGE_FUNCTION) * 1024 * 85 / 100 + "k")) {
                    assertTrue(java.contains(flag), flag + " in " + java);
                }
                assertTrue(java.get(java.indexOf("-classpath") + 1).endsWith(":" + botJar), "the jar on the class path");
                assertEquals(List.of(LambdaProcess.RIC_MAIN, ImageTraining.Function.BOT.handler()),
                        java.subList(java.size() - 2, java.size()));
            }
            assertEquals(List.of(new FakeSecretsManager.Call(SECRET_ARN, true, SESSION_TOKEN)), secretsManager.calls(),
                    "one signed read, no extension waited for");
            assertFalse(lambda.output().contains("Parameters and Secrets extension"), lambda.output());
            for (String secret : List.of(SlackRequests.SIGNING_SECRET, STORED_BOT_TOKEN, "S6meLXlUY00YVML3",
                    SESSION_TOKEN, FakeSecretsManager.SECRET_ACCESS_KEY)) {
                assertFalse(lambda.output().contains(secret), "a secret in the function's output");
            }
        }
    }

    @Test
    void apiImage_withItsArchiveRequired_signsTheVector_andChecksASignature() throws Exception {
        try (RuntimeApiServer api = RuntimeApiServer.start("hmac-signature-image", Duration.ofSeconds(10))) {
            LambdaProcess lambda = launch(Template.SIGNATURE_IMAGE_FUNCTION, apiJar, api, "require", Map.of()).start();
            try (lambda) {
                Map<String, String> json = Map.of("Content-Type", "application/json");
                RuntimeApiServer.Outcome signed = api.enqueue(ProxyEvents.event("POST", "/signature", json,
                        VECTOR_BODY, false)).await(ANSWER);
                assertEquals(200, status(signed, lambda));
                assertTrue(signed.body().contains(VECTOR_SIGNATURE.replace("/", "\\/"))
                        || signed.body().contains(VECTOR_SIGNATURE), signed.body());
                RuntimeApiServer.Outcome checked = api.enqueue(ProxyEvents.event("POST", "/verify", json,
                        VECTOR_BODY.replace("}", ",\"signature\":\"" + VECTOR_SIGNATURE + "\"}"), false)).await(ANSWER);
                assertEquals(200, status(checked, lambda));
            }
        }
    }

    @Test
    void archiveOfAnotherJar_stopsTheJvmAtStartWhenRequired_andIsReportedWhenNot() throws Exception {
        // The same bytes at another path: the archive records the class path it was made for.
        Path elsewhere = Files.createDirectories(image.resolve("moved"));
        Path jar = Files.copy(apiJar, elsewhere.resolve(apiJar.getFileName()));
        Files.copy(ImageTraining.archiveOf(apiJar), ImageTraining.archiveOf(jar));

        try (RuntimeApiServer api = RuntimeApiServer.start("hmac-signature-image", Duration.ofSeconds(10))) {
            LambdaProcess required = launch(Template.SIGNATURE_IMAGE_FUNCTION, jar, api, "require", Map.of()).start();
            try (required) {
                OptionalLong exit = required.awaitExit(ANSWER);
                assertTrue(exit.isPresent(), "the JVM must not run without its archive: " + required.output());
                assertNotEquals(0, exit.getAsLong());
                assertTrue(required.output().contains("Unable to use shared archive"), required.output());
            }

            // On Lambda (auto): it starts, slower, and says why in the function's log.
            LambdaProcess automatic = launch(Template.SIGNATURE_IMAGE_FUNCTION, jar, api, "auto", Map.of()).start();
            try (automatic) {
                assertEquals(200, status(api.enqueue(ProxyEvents.event("POST", "/signature",
                        Map.of("Content-Type", "application/json"), VECTOR_BODY, false)).await(ANSWER), automatic));
                assertTrue(automatic.lines().stream().anyMatch(line -> line.text().contains("[warning][cds")
                        && line.text().contains("Unable to use shared archive")), automatic.output());
            }
        }
    }

    /** The image function as the template and the image define it, plus what Lambda itself sets. */
    private static LambdaProcess.Builder launch(String functionId, Path jar, RuntimeApiServer api, String cds,
                                                Map<String, String> parameters) {
        LambdaProcess.Builder builder = LambdaProcess.builder(
                        template.handler(functionId.replace("Image", "")))
                .entrypoint(ENTRYPOINT, jar)
                .runtimeApi(api)
                .functionName(api.functionArn().substring(api.functionArn().lastIndexOf(':') + 1))
                .memoryMb(template.memorySize(functionId))
                .javaToolOptions(template.environment(functionId, Map.of("SlackSecretArn", "", "SlackApiUrl", ""))
                        .get("JAVA_TOOL_OPTIONS"))
                .jvmOption("-Djavax.net.ssl.trustStore=" + tls.trustStore())
                .env("HMAC_CDS", cds);
        template.environment(functionId, parameters).forEach((name, value) -> {
            if (!name.equals("JAVA_TOOL_OPTIONS")) {
                builder.env(name, value);
            }
        });
        return builder;
    }

    private static int status(RuntimeApiServer.Outcome outcome, LambdaProcess lambda) throws Exception {
        assertEquals(RuntimeApiServer.Outcome.Kind.RESPONSE, outcome.kind(), lambda::output);
        return ((Number) ((Map<?, ?>) Json.parse(outcome.body())).get("statusCode")).intValue();
    }

    /** What the process runs now: the entry point has exec'd the JVM in its place. */
    private static List<String> commandLine(LambdaProcess lambda) throws Exception {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(lambda.pid()), "cmdline"));
        return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    }
}
