package dev.hmac.bench;

import dev.hmac.aws.testing.FakeSecretsManager;
import dev.hmac.aws.testing.LoopbackTls;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.bot.views.SignModal;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.tests.lambda.LambdaProcess;
import dev.hmac.tests.lambda.RuntimeApiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code scripts/coldstart}: cold starts of the Slack bot against Bolt for JavaScript, and of the REST function
 * against a trivial Java handler and a Python port of the original function, each run a fresh process under a local
 * Lambda Runtime API; then a warm {@code /hmac} in one process. Not part of {@code mvn verify}.
 *
 * <p>The contenders. The bot, for each transport of the fake Slack API:
 * <ul>
 *   <li>{@code zip}: hmac-bot.jar unzipped as Lambda unzips a deployment package, started as Lambda's managed java
 *   runtime starts it, its Slack secrets in variables;</li>
 *   <li>{@code image-appcds}: the container image's way (infra/bot-image): its entry point script
 *   (infra/lambda-image/entrypoint) with the jar on the JVM's class path and the class-data archive that
 *   infra/lambda-image/train writes at the start of the run, required ({@code -Xshare:on}); its Slack secret read at
 *   init from a fake Secrets Manager over HTTPS, as the image reads it on Lambda;</li>
 *   <li>{@code primed}: zip, initialised as provisioned concurrency (and SnapStart, before its snapshot) initialises it:
 *   primed with a {@code /hmac help} and a TLS handshake with the Slack API's host;</li>
 *   <li>{@code bolt-js}: Bolt for JavaScript on Node, as its docs set it up on Lambda.</li>
 * </ul>
 * The REST function ({@code POST /signature}; its transport is plain HTTP: it calls nothing): {@code rest-zip},
 * {@code rest-image-appcds} (infra/api-image's way), {@code rest-trivial-java} (the tests' echo stream handler: the
 * floor of any Java function) and {@code rest-python-port} (bench/python: the original function in Python, under a
 * stand-in of Lambda's Python runtime loop).
 *
 * <p>Each run: a fresh Runtime API and fake Slack API (HTTP, or HTTPS so the TLS handshake is paid as with
 * slack.com), one signed {@code /hmac} API Gateway event queued, the function started pinned to CPU 0 (the
 * script pins this JVM to CPU 1). Times count from just before the process starts: to the {@code views.open}
 * request arriving at the fake, and to the function's response arriving at the Runtime API. Contenders alternate
 * within each round so drift and other load hit all of them alike; the report gives medians, and ratios as the
 * median of the per-round ratios, which move less with other load on the machine than the ratio of the medians.
 *
 * <pre>
 * usage: ColdStartBenchmark [runs] [--transports http,https] [--suites bot,rest,warm,timeline] [--no-node] [--no-primed]
 *        [--no-image] [--no-python] [--java-tool-options OPTS] [--memory MB] [--java-home DIR] [--node BIN]
 *        [--python BIN] [--warm N] [--json FILE] [--image-with-variables]
 *        [--compare NAME=BOT_JAR]... [--compare-rest NAME=API_JAR]... [--compare-options NAME=JAVA_TOOL_OPTIONS]...
 *        [--compare-image-options NAME=JAVA_TOOL_OPTIONS]... [--jvm-option OPT]...
 * </pre>
 */
public final class ColdStartBenchmark {
    /**
     * The functions' JAVA_TOOL_OPTIONS in the SAM template, on top of the runtime's own flags (C1 only, SerialGC,
     * CDS). On one vCPU the JIT compiler thread takes a third of a cold start's CPU time: compiling later and
     * without inlining gives that back (docs/performance.md, Cold start). The command line's flags win over these.
     */
    static final String TEMPLATE_JAVA_TOOL_OPTIONS = "-XX:CompileThresholdScaling=3 -XX:-Inline";
    /** The template's MemorySize: 1769 MB is one full vCPU, which is what the pinned CPU here stands for. */
    static final int TEMPLATE_MEMORY_MB = 1769;

    private static final String BOT_HANDLER = "dev.hmac.bot.lambda.SlackEventsHandler::handleRequest";
    private static final String REST_HANDLER = "dev.hmac.api.lambda.SignatureHandler::handleRequest";
    private static final String TRIVIAL_HANDLER = "dev.hmac.tests.lambda.fixtures.EchoStreamHandler::handleRequest";
    private static final String PYTHON_HANDLER = "lambda_function.lambda_handler";
    private static final String BOT_TOKEN = "xoxb-0000-bench-token";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:hmac/slack-AbCdEf";
    private static final String SESSION_TOKEN = "bench-session-token";
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final int FUNCTION_CPU = 0;
    private static final String REST_BODY = "{\"callback\":\"https://apoorva.com\","
            + "\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\",\"clientsecret\":\"S6meLXlUY00YVML3\","
            + "\"timestamp\":\"1444762678\"}";
    private static final String REST_SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    private final Options options;
    private final Path work;
    private final LoopbackTls tls;

    private ColdStartBenchmark(Options options, Path work, LoopbackTls tls) {
        this.options = options;
        this.work = work;
        this.tls = tls;
    }

    /** What a function is and how to start it. */
    private record Contender(String name, String transport, Kind kind, Launch launch, Path code, String handler,
                             String javaToolOptions, boolean primed, boolean readsSecretsManager) {
        Contender(String name, String transport, Kind kind, Launch launch, Path code, String handler) {
            this(name, transport, kind, launch, code, handler, null, false, false);
        }

        boolean https() {
            return transport.equals("https");
        }

        String key() {
            return name + " " + transport;
        }
    }

    private enum Kind { BOT, REST, TRIVIAL }

    /**
     * How the function is started: a deployment package under the managed runtime's command line (code: the task
     * root), a container image's entry point (code: the jar, its archive beside it), Node or Python (code: the task
     * root).
     */
    private enum Launch { ZIP, IMAGE, NODE, PYTHON }

    /**
     * One cold start. Times in ms from process start; -1 where not applicable. CPU time is the function's, up to its
     * response: unlike the wall-clock times it barely moves with other load on the machine.
     */
    private record Run(double viewsOpenMs, double nextMs, double responseMs, double cpuMs, double rssMb,
                       List<String> callsBefore, double secretReadMs) {
        double nextToViewsOpenMs() {
            return viewsOpenMs < 0 ? -1 : viewsOpenMs - nextMs;
        }
    }

    public static void main(String[] args) throws Exception {
        // The Runtime API and the fake Slack are JDK HttpServers: without TCP_NODELAY their responses wait out the
        // client's delayed ACK (40 ms) on reused connections, which no real endpoint does.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("hmac-coldstart");
        try {
            // Always: the image's Secrets Manager is HTTPS whatever Slack's transport.
            new ColdStartBenchmark(options, work, LoopbackTls.create(work, options.javaHome)).run();
        } finally {
            deleteTree(work);
        }
    }

    private void run() throws Exception {
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        boolean bot = options.suites.contains("bot");
        boolean rest = options.suites.contains("rest");
        Path botRoot = unzip(options.botJar, "bot");
        Path botImage = options.image && (bot || options.suites.contains("timeline")) ? trainImage("bot", options.botJar) : null;
        Path apiImage = options.image && rest ? trainImage("api", options.apiJar) : null;

        List<Contender> contenders = new ArrayList<>();
        if (bot) {
            for (String transport : options.transports) {
                contenders.add(new Contender("zip", transport, Kind.BOT, Launch.ZIP, botRoot, BOT_HANDLER));
                for (Map.Entry<String, Path> variant : options.compare.entrySet()) {
                    contenders.add(new Contender(variant.getKey(), transport, Kind.BOT, Launch.ZIP,
                            unzip(variant.getValue(), "variant-" + variant.getKey()), BOT_HANDLER));
                }
                for (Map.Entry<String, String> variant : options.compareOptions.entrySet()) {
                        contenders.add(new Contender(variant.getKey(), transport, Kind.BOT, Launch.ZIP, botRoot,
                            BOT_HANDLER, variant.getValue(), false, false));
                }
                if (botImage != null) {
                    // As on Lambda: its init reads the Slack secret from Secrets Manager (no SnapStart, no extension).
                    contenders.add(new Contender("image-appcds", transport, Kind.BOT, Launch.IMAGE, botImage,
                            BOT_HANDLER, null, false, true));
                    if (options.imageWithVariables) {
                        // The archive's own share: the same, with the secrets in variables.
                        contenders.add(new Contender("image-appcds-secrets-in-variables", transport, Kind.BOT,
                                Launch.IMAGE, botImage, BOT_HANDLER));
                    }
                    for (Map.Entry<String, String> variant : options.compareImageOptions.entrySet()) {
                        contenders.add(new Contender(variant.getKey(), transport, Kind.BOT, Launch.IMAGE, botImage,
                                BOT_HANDLER, variant.getValue(), false, true));
                    }
                }
                if (options.primed) {
                    contenders.add(new Contender("primed", transport, Kind.BOT, Launch.ZIP, botRoot, BOT_HANDLER,
                            null, true, false));
                }
                if (options.runNode) {
                    contenders.add(new Contender("bolt-js", transport, Kind.BOT, Launch.NODE, options.boltJsDir, null));
                }
            }
        }
        if (rest) {
            contenders.add(new Contender("rest-zip", "http", Kind.REST, Launch.ZIP, unzip(options.apiJar, "api"),
                    REST_HANDLER));
            for (Map.Entry<String, Path> variant : options.compareRest.entrySet()) {
                contenders.add(new Contender(variant.getKey(), "http", Kind.REST, Launch.ZIP,
                        unzip(variant.getValue(), "variant-" + variant.getKey()), REST_HANDLER));
            }
            if (apiImage != null) {
                contenders.add(new Contender("rest-image-appcds", "http", Kind.REST, Launch.IMAGE, apiImage, REST_HANDLER));
            }
            contenders.add(new Contender("rest-trivial-java", "http", Kind.TRIVIAL, Launch.ZIP,
                    unzip(options.handlersJar, "trivial"), TRIVIAL_HANDLER));
            if (options.runPython) {
                contenders.add(new Contender("rest-python-port", "http", Kind.REST, Launch.PYTHON, options.pythonDir,
                        PYTHON_HANDLER));
            }
        }

        System.out.printf(Locale.ROOT, "Cold start: %d runs of %s%n", options.runs,
                contenders.stream().map(Contender::key).collect(Collectors.joining(", ")));
        Map<Contender, List<Run>> results = new LinkedHashMap<>();
        contenders.forEach(c -> results.put(c, new ArrayList<>()));
        for (int round = 0; round < options.runs; round++) {
            // Alternate which contender goes first, so none always follows the same one.
            List<Contender> order = new ArrayList<>(contenders);
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (Contender contender : order) {
                Run run = coldStart(contender);
                results.get(contender).add(run);
                System.out.printf(Locale.ROOT, "  %-28s round %2d: views.open %5s  response %5.0f ms  next %5.0f ms"
                                + "  CPU %5.0f ms  RSS %5.1f MB  calls before views.open %s%s%n", contender.key(),
                        round + 1, run.viewsOpenMs < 0 ? "-" : String.format(Locale.ROOT, "%.0f", run.viewsOpenMs),
                        run.responseMs, run.nextMs, run.cpuMs, run.rssMb, run.callsBefore, run.secretReadMs < 0 ? ""
                                : String.format(Locale.ROOT, "  GetSecretValue at %.0f ms", run.secretReadMs));
            }
        }

        StringBuilder timelines = new StringBuilder();
        if (options.suites.contains("timeline")) {
            for (String transport : options.transports) {
                timelines.append(timeline(new Contender("zip", transport, Kind.BOT, Launch.ZIP, botRoot, BOT_HANDLER)));
                if (botImage != null) {
                    // With its secrets in variables: its Secrets Manager call at init would load the TLS classes
                    // ahead of the SDK's, out of the phases' order.
                    timelines.append(timeline(new Contender("image-appcds-secrets-in-variables", transport, Kind.BOT,
                            Launch.IMAGE, botImage, BOT_HANDLER)));
                }
            }
        }

        Warm warm = null;
        if (options.suites.contains("warm") && options.warm > 1) {
            String transport = options.transports.contains("https") ? "https" : "http";
            warm = warm(new Contender("zip", transport, Kind.BOT, Launch.ZIP, botRoot, BOT_HANDLER), options.warm);
        }
        report(results, warm, started, loadBefore, loadAverage());
        System.out.print(timelines);
        if (options.json != null) {
            Files.writeString(options.json, json(results) + "\n");
            System.out.println("Medians written to " + options.json);
        }
    }

    /**
     * The image's jar and its archive, as the image build makes them: a copy of the jar at its own path, and
     * infra/lambda-image/train run on it with the function's JDK (the very script the Dockerfile runs).
     */
    private Path trainImage(String function, Path jar) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("image-" + function));
        Path copy = Files.copy(requireFile(jar), dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder train = new ProcessBuilder(options.infraDir.resolve("lambda-image/train").toString(), function,
                copy.toString()).redirectErrorStream(true);
        train.environment().put("JAVA_HOME", options.javaHome.toString());
        train.environment().put("LAMBDA_RUNTIME_DIR", options.runtimeDir.toString());
        train.environment().put("HMAC_TRAINING_JAR", options.trainingJar.toString());
        Process process = train.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("  [train " + function + "] " + line);
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("infra/lambda-image/train " + function + " failed (output above)");
        }
        return copy;
    }

    private Run coldStart(Contender contender) throws Exception {
        try (RuntimeApiServer api = RuntimeApiServer.start("hmac-bench", Duration.ofSeconds(10));
             FakeSlack slack = new FakeSlack(contender.https() ? tls.serverContext() : null);
             FakeSecretsManager secrets = contender.readsSecretsManager() ? new FakeSecretsManager(tls.serverContext())
                     .slackSecret(SECRET_ARN, SlackRequests.SIGNING_SECRET, BOT_TOKEN) : null) {
            String triggerId = "bench." + System.nanoTime();
            String event = switch (contender.kind) {
                case BOT -> botEvent(slack, triggerId);
                case REST, TRIVIAL -> ProxyEvents.event("POST", "/signature",
                        Map.of("Content-Type", "application/json"), REST_BODY, false);
            };
            RuntimeApiServer.Invocation invocation = api.enqueue(event);
            Launched function = launch(contender, api, slack, secrets, triggerId, List.of());
            try {
                RuntimeApiServer.Outcome outcome = await(invocation, function);
                double cpu = cpuMillis(function.pid());
                OptionalLong rss = function.peakRssKb();
                check(contender, outcome, event, function);
                if (secrets != null && (secrets.calls().size() != 1 || !secrets.calls().get(0).signedCorrectly())) {
                    throw failure(contender, "not one signed GetSecretValue: " + secrets.calls(), function);
                }
                double secretRead = secrets == null ? -1 : ms(secrets.arrivals().get(0) - function.startNanos());
                double viewsOpen = -1;
                List<String> before = List.of();
                if (contender.kind == Kind.BOT) {
                    FakeSlack.Call open = slack.methodCalls("views.open").stream().findFirst()
                            .orElseThrow(() -> failure(contender, "no views.open", function));
                    if (!open.body().contains(triggerId)) {
                        throw failure(contender, "views.open without the trigger_id", function);
                    }
                    viewsOpen = ms(open.nanoTime() - function.startNanos());
                    before = slack.calls().stream().filter(c -> c.nanoTime() < open.nanoTime())
                            .map(c -> c.path().replaceFirst("^/api/", "")).toList();
                }
                return new Run(viewsOpen, ms(outcome.servedNanos() - function.startNanos()),
                        ms(outcome.arrivedNanos() - function.startNanos()), cpu, rss.orElse(-1) / 1024.0, before,
                        secretRead);
            } finally {
                function.close();
            }
        }
    }

    /** Warm invocations 2..n: from `next` to views.open arriving, to the response; the function's mean CPU time. */
    private record Warm(List<Double> toViewsOpen, List<Double> toResponse, double[] cpuPerInvocation) {
    }

    /** One process: the first /hmac is cold, then {@code count - 1} more, each timed from `next`. */
    private Warm warm(Contender contender, int count) throws Exception {
        try (RuntimeApiServer api = RuntimeApiServer.start("hmac-bench", Duration.ofSeconds(10));
             FakeSlack slack = new FakeSlack(contender.https() ? tls.serverContext() : null)) {
            String firstTrigger = "bench.warm.1";
            RuntimeApiServer.Invocation first = api.enqueue(botEvent(slack, firstTrigger));
            Launched function = launch(contender, api, slack, null, firstTrigger, List.of());
            try {
                check(contender, await(first, function), null, function);
                Warm warm = new Warm(new ArrayList<>(), new ArrayList<>(), new double[1]);
                double cpuBefore = cpuMillis(function.pid());
                for (int i = 2; i <= count; i++) {
                    String triggerId = "bench.warm." + i;
                    RuntimeApiServer.Invocation next = api.enqueue(botEvent(slack, triggerId));
                    RuntimeApiServer.Outcome outcome = await(next, function);
                    check(contender, outcome, null, function);
                    long opened = slack.methodCalls("views.open").stream().filter(c -> c.body().contains(triggerId))
                            .findFirst().orElseThrow(() -> failure(contender, "no views.open", function)).nanoTime();
                    warm.toViewsOpen.add(ms(opened - outcome.servedNanos()));
                    warm.toResponse.add(ms(outcome.arrivedNanos() - outcome.servedNanos()));
                }
                // A mean: per invocation, 10 ms ticks would round most to nothing.
                warm.cpuPerInvocation[0] = (cpuMillis(function.pid()) - cpuBefore) / (count - 1);
                return warm;
            } finally {
                function.close();
            }
        }
    }

    /** Cold starts with a class-load log: where the time goes, phase by phase (see {@link ColdStartTimeline}). */
    private String timeline(Contender contender) throws Exception {
        List<ColdStartTimeline.Result> results = new ArrayList<>();
        for (int i = 0; i < options.runs; i++) {
            Path log = work.resolve("classes-" + i + ".log");
            try (RuntimeApiServer api = RuntimeApiServer.start("hmac-bench", Duration.ofSeconds(10));
                 FakeSlack slack = new FakeSlack(contender.https() ? tls.serverContext() : null)) {
                String triggerId = "bench.timeline." + i;
                RuntimeApiServer.Invocation invocation = api.enqueue(botEvent(slack, triggerId));
                Launched function = launch(contender, api, slack, null, triggerId,
                        List.of("-Xlog:class+load:file=" + log + ":uptimemillis"));
                try {
                    check(contender, await(invocation, function), null, function);
                    Map<String, Double> cpu = ColdStartTimeline.cpuByThread(function.pid());
                    FakeSlack.Call open = slack.methodCalls("views.open").get(0);
                    results.add(ColdStartTimeline.read(log, ms(open.nanoTime() - function.startNanos()), cpu));
                } finally {
                    function.close();
                }
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Where the time goes: %s, %d runs, "
                + "medians (the class-load log adds a little)%n%n| phase (ends when the next step's first class "
                + "loads) | ms | classes loaded (from the JDK's CDS archive) |%n|---|---|---|%n", contender.key(),
                options.runs));
        for (int p = 0; p < ColdStartTimeline.PHASES.size(); p++) {
            int phase = p;
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f (%.0f) |%n",
                    ColdStartTimeline.PHASES.get(p).name(),
                    median(results.stream().mapToDouble(r -> r.phases().get(phase)[0]).toArray()),
                    median(results.stream().mapToDouble(r -> r.phases().get(phase)[1]).toArray()),
                    median(results.stream().mapToDouble(r -> r.phases().get(phase)[2]).toArray())));
        }
        out.append(String.format(Locale.ROOT, "| HTTP%s client and connection, until views.open arrives | %.0f | |%n%n",
                contender.https() ? "S" : "", median(results.stream().mapToDouble(ColdStartTimeline.Result::toViewsOpenMs)
                        .toArray())));
        Map<String, Double> threads = new LinkedHashMap<>();
        results.get(0).cpuByThread().keySet().forEach(name -> threads.put(name, median(results.stream()
                .mapToDouble(r -> r.cpuByThread().getOrDefault(name, 0.0)).toArray())));
        out.append("CPU time by thread up to the response, the threads still alive then (median ms): ").append(threads.entrySet().stream()
                .filter(e -> e.getValue() >= 1).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "))).append(String.format("%n%n"));
        return out.toString();
    }

    private String botEvent(FakeSlack slack, String triggerId) {
        String body = SlackRequests.slashCommand("", slack.responseUrl(triggerId), triggerId);
        return ProxyEvents.slackEvent(SlackRequests.sign(body, SlackRequests.now()), false);
    }

    private Launched launch(Contender contender, RuntimeApiServer api, FakeSlack slack, FakeSecretsManager secrets,
                            String triggerId, List<String> jvmOptions) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        if (contender.primed) {
            // What Lambda sets for provisioned concurrency: the bot primes itself during init.
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
        }
        if (contender.kind == Kind.BOT) {
            if (secrets != null) {
                // As the bot's image on Lambda: no extension, the secret read with the function's credentials.
                env.putAll(secrets.lambdaCredentials(SESSION_TOKEN));
                env.put("SLACK_SECRET_ARN", SECRET_ARN);
                env.put("HMAC_SECRETS_EXTENSION", "off");
            } else {
                env.put("SLACK_SIGNING_SECRET", SlackRequests.SIGNING_SECRET);
                env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
            }
            env.put("SLACK_API_URL", slack.apiUrl());
        }
        switch (contender.launch) {
            case NODE -> {
                // The very modal the Java listener opens for this command, for Bolt for JavaScript to open.
                Path modal = work.resolve("modal-" + triggerId + ".json");
                Files.writeString(modal, Json.write(SignModal.build(null, null,
                        new PrivateMetadata(slack.responseUrl(triggerId), "D0001").toJson())));
                env.put("BENCH_MODAL", modal.toString());
                if (contender.https()) {
                    env.put("NODE_EXTRA_CA_CERTS", tls.pem().toString());
                }
                ScriptFunction node = ScriptFunction.node(options.nodeBin, contender.code, "app.handler", api.address(),
                        options.memoryMb, FUNCTION_CPU, env);
                return new Launched(node.pid(), node.startNanos(), node::peakRssKb, node::output, node::close);
            }
            case PYTHON -> {
                ScriptFunction python = ScriptFunction.python(options.pythonBin, contender.code, contender.handler,
                        api.address(), options.memoryMb, FUNCTION_CPU);
                return new Launched(python.pid(), python.startNanos(), python::peakRssKb, python::output, python::close);
            }
            default -> {
                LambdaProcess.Builder builder = LambdaProcess.builder(contender.handler)
                        .javaHome(options.javaHome)
                        .runtimeDir(options.runtimeDir)
                        .runtimeApi(api)
                        .functionName(contender.kind == Kind.BOT ? "hmac-bot" : "hmac-api")
                        .memoryMb(options.memoryMb)
                        .pinToCpu(FUNCTION_CPU);
                if (contender.launch == Launch.IMAGE) {
                    // Required, so that an archive the JVM cannot use fails the run instead of timing a start without it.
                    builder.entrypoint(options.infraDir.resolve("lambda-image/entrypoint"), contender.code)
                            .env("HMAC_CDS", "require");
                } else {
                    builder.taskRoot(contender.code);
                }
                String javaToolOptions = contender.javaToolOptions != null ? contender.javaToolOptions
                        : options.javaToolOptions;
                if (!javaToolOptions.isBlank()) {
                    builder.javaToolOptions(javaToolOptions);
                }
                if (contender.https() || secrets != null) {
                    builder.jvmOption("-Djavax.net.ssl.trustStore=" + tls.trustStore());
                }
                options.jvmOptions.forEach(builder::jvmOption);
                jvmOptions.forEach(builder::jvmOption);
                env.forEach(builder::env);
                LambdaProcess process = builder.start();
                return new Launched(process.pid(), process.startNanos(), process::peakRssKb, process::output,
                        process::close);
            }
        }
    }

    /** A started function, Java, Node or Python. */
    private record Launched(long pid, long startNanos, Supplier<OptionalLong> rssReader, Supplier<String> outputReader,
                            Runnable closer) implements AutoCloseable {
        OptionalLong peakRssKb() {
            return rssReader.get();
        }

        String output() {
            return outputReader.get();
        }

        @Override
        public void close() {
            closer.run();
        }
    }

    /** Linux's clock ticks a second, the unit of /proc/PID/stat's CPU times (USER_HZ: 100 on every common kernel). */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * CPU time of the whole process so far, in ms, or -1: /proc/PID/stat's utime and stime, which count the threads
     * that have ended too (the outbound call's own thread, for one: summing the live threads' times would miss it).
     * Resolution 10 ms.
     */
    private static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After "pid (comm) ", whose comm may hold spaces: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static RuntimeApiServer.Outcome await(RuntimeApiServer.Invocation invocation, Launched function)
            throws InterruptedException {
        try {
            return invocation.await(ANSWER);
        } catch (TimeoutException e) {
            throw new IllegalStateException("No answer within " + ANSWER.toSeconds() + " s. Output:\n"
                    + function.output());
        }
    }

    private static void check(Contender contender, RuntimeApiServer.Outcome outcome, String event, Launched function) {
        if (outcome.isError()) {
            throw failure(contender, outcome.errorType() + " " + outcome.body(), function);
        }
        boolean ok = switch (contender.kind) {
            case BOT -> outcome.body().matches("(?s).*\"statusCode\"\\s*:\\s*200\\b.*");
            case REST -> outcome.body().matches("(?s).*\"statusCode\"\\s*:\\s*200\\b.*")
                    && outcome.body().contains(REST_SIGNATURE);
            case TRIVIAL -> outcome.body().equals(event);
        };
        if (!ok) {
            throw failure(contender, "unexpected response " + outcome.body(), function);
        }
    }

    private static IllegalStateException failure(Contender contender, String what, Launched function) {
        return new IllegalStateException(contender.key() + ": " + what + ". Output:\n" + function.output());
    }

    private void report(Map<Contender, List<Run>> results, Warm warm, Instant started, String loadBefore,
                        String loadAfter) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%s, %d runs each (median [min–max]); function pinned to 1 CPU, %d MB, "
                        + "JAVA_TOOL_OPTIONS=\"%s\"%n", started.truncatedTo(ChronoUnit.SECONDS), options.runs,
                options.memoryMb, options.javaToolOptions);
        System.out.printf(Locale.ROOT, "Java %s (%s), Node %s, %s, %s; load average %s before, %s after%n",
                javaVersion(options.javaHome), options.javaHome, version(options.runNode, options.nodeBin),
                version(options.runPython, options.pythonBin), cpuModel(), loadBefore, loadAfter);
        System.out.println();

        Map<String, List<Run>> bot = new LinkedHashMap<>();
        Map<String, List<Run>> rest = new LinkedHashMap<>();
        results.forEach((c, runs) -> (c.kind == Kind.BOT ? bot : rest).put(c.key(), runs));
        if (!bot.isEmpty()) {
            System.out.println("| /hmac, cold | Slack API | views.open | response | init (`next`) "
                    + "| `next` → views.open | CPU time | peak RSS | Slack calls before views.open |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            results.forEach((c, runs) -> {
                if (c.kind == Kind.BOT) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                            label(c.name), c.transport, ms(runs, Run::viewsOpenMs), ms(runs, Run::responseMs),
                            ms(runs, Run::nextMs), ms(runs, Run::nextToViewsOpenMs), ms(runs, Run::cpuMs), mb(runs),
                            calls(runs));
                }
            });
            System.out.println();
        }
        if (!rest.isEmpty()) {
            System.out.println("| POST /signature, cold | response | init (`next`) | CPU time | peak RSS |");
            System.out.println("|---|---|---|---|---|");
            results.forEach((c, runs) -> {
                if (c.kind != Kind.BOT) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", label(c.name),
                            ms(runs, Run::responseMs), ms(runs, Run::nextMs), ms(runs, Run::cpuMs), mb(runs));
                }
            });
            System.out.println();
        }
        if (warm != null) {
            System.out.printf(Locale.ROOT, "Warm /hmac in one process, invocations 2..%d (%s; median, 2nd invocation, "
                            + "max): `next` → views.open %s; `next` → response %s; function CPU time %.2f ms (mean)%n%n",
                    warm.toResponse.size() + 1, options.transports.contains("https") ? "https" : "http",
                    spread(warm.toViewsOpen), spread(warm.toResponse), warm.cpuPerInvocation[0]);
        }
        ratios(bot, rest);
        targets(bot, rest, warm);
    }

    /**
     * Ratios between contenders, each the median of the per-round ratios (both ran in each round, back to back):
     * the figures the targets are read from.
     */
    private void ratios(Map<String, List<Run>> bot, Map<String, List<Run>> rest) {
        System.out.printf(Locale.ROOT, "Ratios (median of the %d per-round ratios [min–max]; below 1 is faster):%n",
                options.runs);
        for (String transport : options.transports) {
            String zip = "zip " + transport;
            ratio(bot, "image-appcds " + transport, "bolt-js " + transport, true);
            ratio(bot, zip, "bolt-js " + transport, true);
            ratio(bot, "image-appcds " + transport, zip, true);
            ratio(bot, "primed " + transport, zip, true);
            for (String variant : options.compare.keySet()) {
                ratio(bot, zip, variant + " " + transport, true);
            }
            for (String variant : options.compareOptions.keySet()) {
                ratio(bot, variant + " " + transport, zip, true);
            }
            ratio(bot, "image-appcds-secrets-in-variables " + transport, "bolt-js " + transport, true);
            ratio(bot, "image-appcds " + transport, "image-appcds-secrets-in-variables " + transport, true);
            for (String variant : options.compareImageOptions.keySet()) {
                ratio(bot, variant + " " + transport, "image-appcds " + transport, true);
                ratio(bot, variant + " " + transport, "bolt-js " + transport, true);
            }
        }
        ratio(rest, "rest-image-appcds http", "rest-trivial-java http", false);
        ratio(rest, "rest-image-appcds http", "rest-python-port http", false);
        ratio(rest, "rest-zip http", "rest-trivial-java http", false);
        ratio(rest, "rest-zip http", "rest-python-port http", false);
        ratio(rest, "rest-image-appcds http", "rest-zip http", false);
        for (String variant : options.compareRest.keySet()) {
            ratio(rest, "rest-zip http", variant + " http", false);
        }
        System.out.println();
    }

    private void ratio(Map<String, List<Run>> runs, String contender, String reference, boolean viewsOpen) {
        List<Run> a = runs.get(contender);
        List<Run> b = runs.get(reference);
        if (a == null || b == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "- %s ÷ %s: %sresponse %s; CPU time %s; peak RSS %s%n", contender, reference,
                viewsOpen ? "views.open " + perRound(a, b, Run::viewsOpenMs) + "; " : "",
                perRound(a, b, Run::responseMs), perRound(a, b, Run::cpuMs), perRound(a, b, Run::rssMb));
    }

    /** The targets of docs/performance.md, each met or missed and by how much. */
    private void targets(Map<String, List<Run>> bot, Map<String, List<Run>> rest, Warm warm) {
        System.out.println("Targets:");
        for (String transport : options.transports) {
            List<Run> image = bot.get("image-appcds " + transport);
            List<Run> js = bot.get("bolt-js " + transport);
            List<Run> zip = bot.get("zip " + transport);
            if (image != null && js != null) {
                target("image, " + transport + ": views.open ÷ Bolt-JS's (≤ 1.0, aim 0.8)",
                        medianRatio(image, js, Run::viewsOpenMs), 1.0, "");
                target("image, " + transport + ": peak RSS ÷ Bolt-JS's (≤ 1.25)", medianRatio(image, js, Run::rssMb),
                        1.25, "");
                target("image, " + transport + ": Slack calls before views.open (0)",
                        image.stream().mapToInt(r -> r.callsBefore.size()).max().orElse(0), 0, "");
            }
            if (zip != null && js != null) {
                System.out.printf(Locale.ROOT, "- zip, %s: views.open ÷ Bolt-JS's: %.2f (for the record)%n", transport,
                        medianRatio(zip, js, Run::viewsOpenMs));
            }
            List<Run> primed = bot.get("primed " + transport);
            if (primed != null) {
                target("primed, " + transport + ": `next` → views.open (≤ 60 ms" + (transport.equals("https") ? ""
                        : ", set for https") + ")", median(primed, Run::nextToViewsOpenMs), 60, " ms");
            }
            for (String variant : options.compare.keySet()) {
                List<Run> other = bot.get(variant + " " + transport);
                if (zip != null && other != null) {
                    target("zip, " + transport + ": views.open ÷ " + variant + "'s (no worse: ≤ 1.0)",
                            medianRatio(zip, other, Run::viewsOpenMs), 1.0, "");
                    // Steadier than wall time when other work shares the machine.
                    target("zip, " + transport + ": CPU time ÷ " + variant + "'s (no worse: ≤ 1.0)",
                            medianRatio(zip, other, Run::cpuMs), 1.0, "");
                }
            }
        }
        List<Run> image = rest.get("rest-image-appcds http");
        List<Run> trivial = rest.get("rest-trivial-java http");
        List<Run> python = rest.get("rest-python-port http");
        List<Run> zip = rest.get("rest-zip http");
        if (image != null && trivial != null) {
            target("REST image: cold answer ÷ the trivial Java handler's (≤ 1.25)",
                    medianRatio(image, trivial, Run::responseMs), 1.25, "");
        }
        if (image != null && python != null) {
            target("REST image: cold answer ÷ the Python port's (aim ≤ 1.5)",
                    medianRatio(image, python, Run::responseMs), 1.5, "");
        }
        if (zip != null && trivial != null) {
            target("REST zip: cold answer ÷ the trivial Java handler's (≤ 2)",
                    medianRatio(zip, trivial, Run::responseMs), 2, "");
        }
        if (warm != null) {
            target("warm /hmac, `next` to response (< 5 ms)", median(warm.toResponse), 5, " ms");
        }
    }

    private static void target(String what, double value, double limit, String unit) {
        double by = Math.abs(limit - value);
        System.out.printf(Locale.ROOT, "- %s: %s%s, %s (by %s%s)%n", what, format(value), unit,
                value <= limit ? "met" : "NOT met", format(by), unit);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) >= 10 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    /** The contenders' medians for --json (see {@link ColdStartJson}). */
    private String json(Map<Contender, List<Run>> results) {
        List<ColdStartJson.Medians> contenders = new ArrayList<>();
        results.forEach((c, runs) -> {
            boolean bot = c.kind == Kind.BOT;
            contenders.add(new ColdStartJson.Medians(c.name, c.transport,
                    bot ? median(runs, Run::viewsOpenMs) : null, median(runs, Run::responseMs),
                    bot ? median(runs, Run::nextToViewsOpenMs) : null, median(runs, Run::rssMb),
                    bot ? upperMedian(runs.stream().mapToInt(r -> r.callsBefore.size()).toArray()) : null));
        });
        return ColdStartJson.write(options.runs, contenders);
    }

    private static Integer upperMedian(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double medianRatio(List<Run> a, List<Run> b, ToDoubleFunction<Run> value) {
        return median(ratios(a, b, value));
    }

    private static double[] ratios(List<Run> a, List<Run> b, ToDoubleFunction<Run> value) {
        double[] ratios = new double[a.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = value.applyAsDouble(a.get(i)) / value.applyAsDouble(b.get(i));
        }
        return ratios;
    }

    private static String perRound(List<Run> a, List<Run> b, ToDoubleFunction<Run> value) {
        double[] ratios = ratios(a, b, value);
        return String.format(Locale.ROOT, "%.3f [%.2f–%.2f]", median(ratios), Arrays.stream(ratios).min().orElse(0),
                Arrays.stream(ratios).max().orElse(0));
    }

    private String label(String name) {
        return switch (name) {
            case "zip" -> "zip: hmac-bot.jar, unzipped";
            case "image-appcds" -> "image: AppCDS, jar on `-cp` (" + javaVersion(options.javaHome) + " archive)";
            case "image-appcds-secrets-in-variables" -> "image: AppCDS, its secrets in variables (no Secrets Manager call)";
            case "primed" -> "zip, init primed (provisioned concurrency, SnapStart)";
            case "bolt-js" -> "Bolt for JavaScript " + boltJsVersion();
            case "rest-zip" -> "zip: hmac-api.jar, unzipped";
            case "rest-image-appcds" -> "image: AppCDS, jar on `-cp`";
            case "rest-trivial-java" -> "trivial Java stream handler";
            case "rest-python-port" -> "Python port of the original (" + version(true, options.pythonBin) + ")";
            default -> name;
        };
    }

    private static String ms(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] values = runs.stream().mapToDouble(value).toArray();
        if (Arrays.stream(values).allMatch(v -> v < 0)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f ms [%.0f–%.0f]", median(values), Arrays.stream(values).min().orElse(0),
                Arrays.stream(values).max().orElse(0));
    }

    private static String mb(List<Run> runs) {
        return String.format(Locale.ROOT, "%.1f MB", median(runs, Run::rssMb));
    }

    private static String calls(List<Run> runs) {
        Map<String, Long> distinct = runs.stream().map(r -> r.callsBefore.isEmpty() ? "none"
                : String.join(", ", r.callsBefore)).collect(Collectors.groupingBy(s -> s, LinkedHashMap::new,
                Collectors.counting()));
        return distinct.size() == 1 ? distinct.keySet().iterator().next()
                : distinct.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + "×)")
                .collect(Collectors.joining("; "));
    }

    private static String spread(List<Double> values) {
        return String.format(Locale.ROOT, "%.2f ms, %.2f ms, %.2f ms", median(values), values.get(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return median(runs.stream().mapToDouble(value).toArray());
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private Path unzip(Path jar, String name) throws IOException {
        // As Lambda unpacks a deployment package into /var/task.
        return LambdaProcess.unzip(requireFile(jar), Files.createDirectories(work.resolve("task-" + name)));
    }

    private static Path requireFile(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: scripts/coldstart builds it");
        }
        return jar;
    }

    /** The installed @slack/bolt's version, as npm resolved it from the lock file. */
    private String boltJsVersion() {
        try {
            String json = Files.readString(options.boltJsDir.resolve("node_modules/@slack/bolt/package.json"));
            return ((Map<?, ?>) Json.parse(json)).get("version").toString();
        } catch (IOException | JsonException | RuntimeException e) {
            return "(version unknown)";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String javaVersion(Path javaHome) {
        try (Stream<String> lines = Files.lines(javaHome.resolve("release"))) {
            return lines.filter(l -> l.startsWith("JAVA_VERSION=")).findFirst()
                    .map(l -> "JDK " + l.substring("JAVA_VERSION=".length()).replace("\"", "")).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** What {@code BIN --version} prints (Node's v20…, Python's Python 3…), or why not. */
    private static String version(boolean run, String bin) {
        if (!run) {
            return bin + " (not run)";
        }
        try {
            Process process = new ProcessBuilder(bin, "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return version;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The command line; jar and script locations come from system properties the script sets. */
    private static final class Options {
        int runs = 7;
        List<String> transports = List.of("http", "https");
        List<String> suites = List.of("bot", "rest", "warm");
        boolean runNode = true;
        boolean runPython = true;
        boolean primed = true;
        boolean image = true;
        String javaToolOptions = TEMPLATE_JAVA_TOOL_OPTIONS;
        int memoryMb = TEMPLATE_MEMORY_MB;
        Path javaHome = Path.of(System.getProperty("java.home"));
        String nodeBin = "node";
        String pythonBin = "python3";
        int warm = 30;
        Path json;
        final Map<String, Path> compare = new LinkedHashMap<>();
        final Map<String, Path> compareRest = new LinkedHashMap<>();
        final Map<String, String> compareOptions = new LinkedHashMap<>();
        final Map<String, String> compareImageOptions = new LinkedHashMap<>();
        boolean imageWithVariables;
        final List<String> jvmOptions = new ArrayList<>();
        Path botJar = property("hmac.botJar", "bot-lambda/target/hmac-bot.jar");
        Path apiJar = property("hmac.apiJar", "api/target/hmac-api.jar");
        Path handlersJar = property("handlers.jar", "tests/target/hmac-tests-1.0.0-SNAPSHOT-handlers.jar");
        Path trainingJar = property("hmac.trainingJar", "tests/target/hmac-image-training.jar");
        Path runtimeDir = property(LambdaProcess.RUNTIME_DIR_PROPERTY, "tests/target/lambda-runtime");
        Path infraDir = property("hmac.infraDir", "infra");
        Path boltJsDir = property("hmac.boltJsDir", "bench/boltjs");
        Path pythonDir = property("hmac.pythonDir", "bench/python");

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--transports" -> o.transports = List.of(args[++i].split(","));
                    case "--suites" -> o.suites = List.of(args[++i].split(","));
                    case "--no-node" -> o.runNode = false;
                    case "--no-python" -> o.runPython = false;
                    case "--no-primed" -> o.primed = false;
                    case "--no-image" -> o.image = false;
                    case "--java-tool-options" -> o.javaToolOptions = args[++i];
                    case "--memory" -> o.memoryMb = Integer.parseInt(args[++i]);
                    case "--java-home" -> o.javaHome = Path.of(args[++i]);
                    case "--node" -> o.nodeBin = args[++i];
                    case "--python" -> o.pythonBin = args[++i];
                    case "--warm" -> o.warm = Integer.parseInt(args[++i]);
                    case "--json" -> o.json = Path.of(args[++i]).toAbsolutePath();
                    case "--compare", "--compare-rest" -> {
                        String[] nameAndJar = args[++i].split("=", 2);
                        (arg.equals("--compare") ? o.compare : o.compareRest)
                                .put(nameAndJar[0], Path.of(nameAndJar[1]).toAbsolutePath());
                    }
                    case "--compare-options", "--compare-image-options" -> {
                        String[] nameAndOptions = args[++i].split("=", 2);
                        (arg.equals("--compare-options") ? o.compareOptions : o.compareImageOptions)
                                .put(nameAndOptions[0], nameAndOptions[1]);
                    }
                    case "--image-with-variables" -> o.imageWithVariables = true;
                    case "--jvm-option" -> o.jvmOptions.add(args[++i]);
                    default -> {
                        if (!arg.matches("\\d+")) {
                            throw new IllegalArgumentException("Unknown argument " + arg + "; see the class comment");
                        }
                        o.runs = Integer.parseInt(arg);
                    }
                }
            }
            if (o.runs < 1 || !List.of("http", "https").containsAll(o.transports)) {
                throw new IllegalArgumentException("runs must be ≥ 1 and transports http and/or https");
            }
            return o;
        }

        private static Path property(String name, String fallback) {
            return Path.of(System.getProperty(name, fallback)).toAbsolutePath();
        }
    }
}
