package dev.hmac.tests.lambda;

import dev.hmac.aws.testing.FakeSecretsManager;
import dev.hmac.aws.testing.LoopbackTls;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@code infra/lambda-image/train}: writes a function's class-data archive (dynamic AppCDS) for its container image,
 * with the JDK running this, through the image's own entry point script and at the image's paths, then checks that
 * the JVM takes it. The same steps run in the image build ({@code docker build}), in {@code mvn verify} and in the
 * cold-start benchmark, so those two run what the image runs.
 *
 * <p>Training: the function is started by the entry point with {@code HMAC_CDS=dump} under a local Lambda Runtime
 * API and fed what production feeds it (for the bot: {@code /hmac}, as plain and base64 events, a modal
 * submission, {@code /hmac verify} and two checks, a match and a mismatch whose cause it searches for, then
 * {@code /hmac help} and a forged request, its Slack secrets read from a fake Secrets Manager over HTTPS and its Web
 * API calls going to a fake Slack over HTTPS, so that the TLS classes are archived too; for the REST function:
 * signing requests, plain and base64, a refused one, the original's direct event, and a match and a mismatch on
 * {@code POST /verify}). Then it is
 * stopped; the JVM writes the archive as it exits. Check: the function is started again with
 * {@code HMAC_CDS=require} ({@code -Xshare:on}: no start without the archive) and answers one request; the classes
 * it loaded from the archives are counted.
 *
 * <pre>
 * usage: ImageTraining bot|api JAR ENTRYPOINT      (LAMBDA_RUNTIME_DIR: the runtime's directory, else /var/runtime)
 * </pre>
 */
public final class ImageTraining {
    private static final Duration ANSWER = Duration.ofSeconds(60);
    /** Writing the archive at exit takes a few seconds; a busy machine, more. */
    private static final Duration DUMP = Duration.ofSeconds(180);
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:hmac/training-AbCdEf";
    private static final String SESSION_TOKEN = "training-session-token";
    private static final String BOT_TOKEN = "xoxb-0000-training-token";
    private static final String VECTOR_BODY = "{\"callback\":\"https://apoorva.com\","
            + "\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\",\"clientsecret\":\"S6meLXlUY00YVML3\","
            + "\"timestamp\":\"1444762678\"}";
    private static final String VECTOR_SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    /** The functions that have an image: their handler (the image's CMD) and memory (the template's MemorySize). */
    public enum Function {
        BOT("dev.hmac.bot.lambda.SlackEventsHandler::handleRequest", 1024),
        API("dev.hmac.api.lambda.SignatureHandler::handleRequest", 512);

        private final String handler;
        private final int memoryMb;

        Function(String handler, int memoryMb) {
            this.handler = handler;
            this.memoryMb = memoryMb;
        }

        public String handler() {
            return handler;
        }
    }

    /**
     * The archive written, and what the check run loaded: classes from the archives (the JDK's own and this one on
     * top of it) and classes loaded otherwise.
     */
    public record Result(Path archive, long bytes, int sharedClasses, int otherClasses, int sharedFromTop) {
    }

    private final Function function;
    private final Path jar;
    private final Path entrypoint;
    private final Path javaHome;
    private final Path runtimeDir;
    private final Path work;
    private final PrintStream log;

    private ImageTraining(Function function, Path jar, Path entrypoint, Path javaHome, Path runtimeDir, Path work,
                          PrintStream log) {
        this.function = function;
        this.jar = jar.toAbsolutePath();
        this.entrypoint = entrypoint.toAbsolutePath();
        this.javaHome = javaHome;
        this.runtimeDir = runtimeDir.toAbsolutePath();
        this.work = work;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !List.of("bot", "api").contains(args[0])) {
            System.err.println("usage: ImageTraining bot|api JAR ENTRYPOINT   (LAMBDA_RUNTIME_DIR: the runtime's"
                    + " directory, else /var/runtime)");
            System.exit(2);
        }
        // The Runtime API and the fakes are JDK HttpServers: without TCP_NODELAY their answers wait out delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path runtimeDir = Path.of(System.getenv().getOrDefault("LAMBDA_RUNTIME_DIR", "/var/runtime"));
        try {
            train(Function.valueOf(args[0].toUpperCase(java.util.Locale.ROOT)), Path.of(args[1]), Path.of(args[2]),
                    Path.of(System.getProperty("java.home")), runtimeDir, System.out);
        } catch (IllegalStateException e) {
            System.err.println("Training failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Trains and checks the archive next to {@code jar} ({@code .jsa} for {@code .jar}).
     *
     * @throws IllegalStateException when the function misbehaves, the archive is not written, or the JVM refuses it;
     *                               the message holds the function's output
     */
    public static Result train(Function function, Path jar, Path entrypoint, Path javaHome, Path runtimeDir,
                               PrintStream log) throws Exception {
        Path work = Files.createTempDirectory("hmac-image-training");
        try {
            return new ImageTraining(function, jar, entrypoint, javaHome, runtimeDir, work, log).run();
        } finally {
            deleteTree(work);
        }
    }

    /** The archive the entry point uses for {@code jar}. */
    public static Path archiveOf(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }

    private Result run() throws Exception {
        Path archive = archiveOf(jar);
        Files.deleteIfExists(archive);
        LoopbackTls tls = LoopbackTls.create(work, javaHome);
        log.printf("Training %s on %s (%s) ...%n", archive.getFileName(), function.name().toLowerCase(java.util.Locale.ROOT),
                javaHome);
        try (Services services = new Services(tls)) {
            LambdaProcess lambda = launch(services, tls, "dump", List.of()).start();
            try {
                for (Exchange exchange : exchanges(services.slack)) {
                    exchange.check(services.api.enqueue(exchange.event).await(ANSWER), lambda);
                }
                if (function == Function.BOT && services.slack.methodCalls("views.open").size() != 3) {
                    throw failure("the bot did not open its three modals: " + services.slack.calls(), lambda);
                }
            } catch (TimeoutException e) {
                throw failure("no answer within " + ANSWER.toSeconds() + " s", lambda);
            } catch (RuntimeException | Error e) {
                lambda.close();
                throw e;
            }
            OptionalLong exit = lambda.stop(DUMP);
            if (exit.isEmpty() || !Files.isRegularFile(archive) || Files.size(archive) == 0) {
                throw failure("no archive written at exit (" + (exit.isEmpty() ? "killed after " + DUMP.toSeconds()
                        + " s" : "exit status " + exit.getAsLong()) + ")", lambda);
            }
        }
        Result result = check(archive, tls);
        log.printf("Wrote %s: %.1f MB. With it and -Xshare:on, the function answered; %d classes came from the"
                        + " archives (%d from this one), %d were loaded otherwise.%n", archive, result.bytes / 1e6,
                result.sharedClasses, result.sharedFromTop, result.otherClasses);
        return result;
    }

    /** One start with the archive required, one request, and the class-load log read. */
    private Result check(Path archive, LoopbackTls tls) throws Exception {
        Path classLog = work.resolve("classes.log");
        try (Services services = new Services(tls)) {
            LambdaProcess lambda = launch(services, tls, "require",
                    List.of("-Xlog:class+load=info:file=" + classLog)).start();
            try (lambda) {
                Exchange first = exchanges(services.slack).get(0);
                first.check(services.api.enqueue(first.event).await(ANSWER), lambda);
            } catch (TimeoutException e) {
                throw failure("no answer with the archive within " + ANSWER.toSeconds() + " s", lambda);
            }
        }
        int shared = 0;
        int top = 0;
        int other = 0;
        try (Stream<String> lines = Files.lines(classLog)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!line.contains(" source: ")) {
                    continue;
                }
                if (line.contains("source: shared objects file")) {
                    shared++;
                    top += line.contains("(top)") ? 1 : 0;
                } else {
                    other++;
                }
            }
        }
        return new Result(archive, Files.size(archive), shared, other, top);
    }

    /** The fakes of what the function talks to: its Runtime API, and for the bot Slack and Secrets Manager. */
    private final class Services implements AutoCloseable {
        final RuntimeApiServer api;
        final FakeSlack slack;
        final FakeSecretsManager secretsManager;

        Services(LoopbackTls tls) throws IOException {
            api = RuntimeApiServer.start("hmac-training", Duration.ofSeconds(30));
            slack = function == Function.BOT ? new FakeSlack(tls.serverContext()) : null;
            secretsManager = function == Function.BOT ? new FakeSecretsManager(tls.serverContext())
                    .slackSecret(SECRET_ARN, SlackRequests.SIGNING_SECRET, BOT_TOKEN) : null;
        }

        @Override
        public void close() {
            api.close();
            if (slack != null) {
                slack.close();
                secretsManager.close();
            }
        }
    }

    private LambdaProcess.Builder launch(Services services, LoopbackTls tls, String cds, List<String> jvmOptions) {
        LambdaProcess.Builder builder = LambdaProcess.builder(function.handler)
                .entrypoint(entrypoint, jar)
                .javaHome(javaHome)
                .runtimeDir(runtimeDir)
                .runtimeApi(services.api)
                .functionName("hmac-training")
                .memoryMb(function.memoryMb)
                .javaToolOptions("-Djavax.net.ssl.trustStore=" + tls.trustStore())
                .env("HMAC_CDS", cds);
        jvmOptions.forEach(builder::jvmOption);
        if (function == Function.BOT) {
            // As the bot's image runs on Lambda: no extension, the secret from Secrets Manager with the function's
            // credentials, Slack's Web API over HTTPS.
            services.secretsManager.lambdaCredentials(SESSION_TOKEN).forEach(builder::env);
            builder.env("HMAC_SECRETS_EXTENSION", "off")
                    .env("SLACK_SECRET_ARN", SECRET_ARN)
                    .env("SLACK_API_URL", services.slack.apiUrl());
        }
        return builder;
    }

    /** An event and the answer it must get: a proxy response's status, or -1 for a direct invocation's answer. */
    private record Exchange(String event, int status, String mustContain) {
        void check(RuntimeApiServer.Outcome outcome, LambdaProcess lambda) {
            boolean ok = outcome.kind() == RuntimeApiServer.Outcome.Kind.RESPONSE
                    && (status < 0 || outcome.body().matches("(?s).*\"statusCode\"\\s*:\\s*" + status + "\\b.*"))
                    && (mustContain == null || outcome.body().contains(mustContain));
            if (!ok) {
                throw failure("unexpected answer " + outcome.kind() + " " + outcome.body(), lambda);
            }
        }
    }

    private List<Exchange> exchanges(FakeSlack slack) {
        List<Exchange> exchanges = new ArrayList<>();
        if (function == Function.BOT) {
            for (boolean base64 : List.of(false, true)) {
                // Each its own trigger: the bot acknowledges a replayed request without handling it again.
                String command = SlackRequests.slashCommand("", slack.responseUrl("1"), "1111.2222.training."
                        + base64);
                exchanges.add(new Exchange(ProxyEvents.slackEvent(SlackRequests.sign(command, SlackRequests.now()),
                        base64), 200, null));
            }
            String submission = SlackRequests.viewSubmission(SlackRequests.vectorValues(),
                    new PrivateMetadata(slack.responseUrl("2"), "D0001").toJson());
            exchanges.add(new Exchange(ProxyEvents.slackEvent(SlackRequests.sign(submission, SlackRequests.now()),
                    false), 200, null));
            String verify = SlackRequests.slashCommand("verify", slack.responseUrl("5"), "7777.8888.training");
            exchanges.add(new Exchange(ProxyEvents.slackEvent(SlackRequests.sign(verify, SlackRequests.now()), false),
                    200, null));
            for (String timestamp : List.of("1444762678", "1444762679")) {
                // A match, and a mismatch whose cause the check searches for.
                String check = SlackRequests.checkSubmission(SlackRequests.checkValues("https://apoorva.com",
                                "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "S6meLXlUY00YVML3", timestamp, VECTOR_SIGNATURE),
                        new PrivateMetadata(slack.responseUrl("6" + timestamp), "D0001").toJson());
                exchanges.add(new Exchange(ProxyEvents.slackEvent(SlackRequests.sign(check, SlackRequests.now()),
                        false), 200, null));
            }
            String help = SlackRequests.slashCommand("help", slack.responseUrl("3"), "3333.4444.training");
            exchanges.add(new Exchange(ProxyEvents.slackEvent(SlackRequests.sign(help, SlackRequests.now()), false),
                    200, null));
            String forged = SlackRequests.slashCommand("", slack.responseUrl("4"), "5555.6666.training");
            exchanges.add(new Exchange(ProxyEvents.slackEvent(SlackRequests.sign(forged, SlackRequests.now(),
                    "not-the-signing-secret"), false), 401, null));
        } else {
            Map<String, String> headers = Map.of("Content-Type", "application/json", "x-api-key", "training-key");
            exchanges.add(new Exchange(ProxyEvents.event("POST", "/signature", headers, VECTOR_BODY, false), 200,
                    VECTOR_SIGNATURE));
            exchanges.add(new Exchange(ProxyEvents.event("POST", "/signature", headers, VECTOR_BODY, true), 200,
                    VECTOR_SIGNATURE));
            exchanges.add(new Exchange(ProxyEvents.event("POST", "/signature", headers,
                    "{\"callback\":\"example.com\",\"clientid\":\"a\",\"clientsecret\":\"b\"}", false), 400, null));
            String checked = VECTOR_BODY.replace("}", ",\"signature\":\"" + VECTOR_SIGNATURE + "\"}");
            exchanges.add(new Exchange(ProxyEvents.event("POST", "/verify", headers, checked, false), 200, null));
            exchanges.add(new Exchange(ProxyEvents.event("POST", "/verify", headers,
                    checked.replace("1444762678", "1444762679"), true), 200, null));
            Map<String, Object> direct = new LinkedHashMap<>();
            direct.put("callback", "https://apoorva.com");
            direct.put("clientsecret", "S6meLXlUY00YVML3");
            direct.put("clientid", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ");
            exchanges.add(new Exchange(Json.write(direct), -1, "\"signature\""));
        }
        return exchanges;
    }

    private static IllegalStateException failure(String what, LambdaProcess lambda) {
        lambda.close();
        return new IllegalStateException(what + ". The function's output:\n" + lambda.output());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
