package dev.hmac.bench;

import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.bot.views.SignModal;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.tests.lambda.LambdaProcess;
import dev.hmac.tests.lambda.RuntimeApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * against a trivial Java handler, each run a fresh process under a local Lambda Runtime API; then a warm
 * {@code /hmac} in one process. Not part of {@code mvn verify}.
 *
 * <p>Each run: a fresh Runtime API and fake Slack API (HTTP, or HTTPS so the TLS handshake is paid as with
 * slack.com), one signed {@code /hmac} API Gateway event queued, the function started pinned to CPU 0 (the
 * script pins this JVM to CPU 1). Times count from just before the process starts: to the {@code views.open}
 * request arriving at the fake, and to the function's response arriving at the Runtime API. Contenders alternate
 * within each round so drift and other load hit all of them alike; the report gives medians.
 *
 * <pre>
 * usage: ColdStartBenchmark [runs] [--transports http,https] [--suites bot,rest,warm,timeline] [--no-node] [--no-primed]
 *        [--java-tool-options OPTS] [--memory MB] [--java-home DIR] [--node BIN] [--warm N]
 *        [--compare NAME=BOT_JAR]... [--compare-rest NAME=API_JAR]... [--compare-options NAME=JAVA_TOOL_OPTIONS]...
 *        [--jvm-option OPT]...
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
    private static final String BOT_TOKEN = "xoxb-0000-bench-token";
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final int FUNCTION_CPU = 0;
    private static final String REST_BODY = "{\"callback\":\"https://apoorva.com\","
            + "\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\",\"clientsecret\":\"S6meLXlUY00YVML3\","
            + "\"timestamp\":\"1444762678\"}";
    private static final String REST_SIGNATURE = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";

    private final Options options;
    private final Path work;
    private final FakeSlackTls tls;
    private final Path nodeRoot;

    private ColdStartBenchmark(Options options, Path work, FakeSlackTls tls) {
        this.options = options;
        this.work = work;
        this.tls = tls;
        this.nodeRoot = options.boltJsDir;
    }

    /** What a function is and how to start it. */
    private record Contender(String name, Kind kind, boolean https, Path taskRoot, String handler,
                             String javaToolOptions, boolean primed) {
        Contender(String name, Kind kind, boolean https, Path taskRoot, String handler) {
            this(name, kind, https, taskRoot, handler, null, false);
        }

        boolean node() {
            return handler == null;
        }
    }

    private enum Kind { BOT, REST, TRIVIAL }

    /**
     * One cold start. Times in ms from process start; -1 where not applicable. CPU time is the function's, up to its
     * response: unlike the wall-clock times it barely moves with other load on the machine.
     */
    private record Run(double viewsOpenMs, double nextMs, double responseMs, double cpuMs, double rssMb,
                       List<String> callsBefore) {
    }

    public static void main(String[] args) throws Exception {
        // The Runtime API and the fake Slack are JDK HttpServers: without TCP_NODELAY their responses wait out the
        // client's delayed ACK (40 ms) on reused connections, which no real endpoint does.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Options options = Options.parse(args);
        Path work = Files.createTempDirectory("hmac-coldstart");
        try {
            FakeSlackTls tls = options.transports.contains("https")
                    ? FakeSlackTls.create(work, options.javaHome) : null;
            new ColdStartBenchmark(options, work, tls).run();
        } finally {
            deleteTree(work);
        }
    }

    private void run() throws Exception {
        String loadBefore = loadAverage();
        Instant started = Instant.now();
        Path botRoot = unzip(options.botJar, "bot");
        List<Contender> contenders = new ArrayList<>();
        if (options.suites.contains("bot")) {
            for (String transport : options.transports) {
                boolean https = transport.equals("https");
                contenders.add(new Contender("bot-java " + transport, Kind.BOT, https, botRoot, BOT_HANDLER));
                for (Map.Entry<String, Path> variant : options.compare.entrySet()) {
                    contenders.add(new Contender(variant.getKey() + " " + transport, Kind.BOT, https,
                            unzip(variant.getValue(), "variant-" + variant.getKey()), BOT_HANDLER));
                }
                for (Map.Entry<String, String> variant : options.compareOptions.entrySet()) {
                    contenders.add(new Contender(variant.getKey() + " " + transport, Kind.BOT, https, botRoot,
                            BOT_HANDLER, variant.getValue(), false));
                }
                if (options.primed) {
                    contenders.add(new Contender("bot-java-primed " + transport, Kind.BOT, https, botRoot,
                            BOT_HANDLER, null, true));
                }
                if (options.runNode) {
                    contenders.add(new Contender("bot-js " + transport, Kind.BOT, https, nodeRoot, null));
                }
            }
        }
        if (options.suites.contains("rest")) {
            contenders.add(new Contender("rest-java", Kind.REST, false, unzip(options.apiJar, "api"), REST_HANDLER));
            for (Map.Entry<String, Path> variant : options.compareRest.entrySet()) {
                contenders.add(new Contender(variant.getKey(), Kind.REST, false,
                        unzip(variant.getValue(), "variant-" + variant.getKey()), REST_HANDLER));
            }
            contenders.add(new Contender("trivial-java", Kind.TRIVIAL, false, unzip(options.handlersJar, "trivial"),
                    TRIVIAL_HANDLER));
        }

        System.out.printf(Locale.ROOT, "Cold start: %d runs of %s%n", options.runs,
                contenders.stream().map(Contender::name).collect(Collectors.joining(", ")));
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
                System.out.printf(Locale.ROOT, "  %-24s round %2d: views.open %5s  response %5.0f ms  next %5.0f ms"
                                + "  CPU %5.0f ms  RSS %5.1f MB  calls before views.open %s%n", contender.name, round + 1,
                        run.viewsOpenMs < 0 ? "-" : String.format(Locale.ROOT, "%.0f", run.viewsOpenMs),
                        run.responseMs, run.nextMs, run.cpuMs, run.rssMb, run.callsBefore);
            }
        }

        StringBuilder timelines = new StringBuilder();
        if (options.suites.contains("timeline")) {
            for (String transport : options.transports) {
                timelines.append(timeline(new Contender("bot-java " + transport, Kind.BOT, transport.equals("https"),
                        botRoot, BOT_HANDLER)));
            }
        }

        Warm warm = null;
        if (options.suites.contains("warm") && options.warm > 1) {
            boolean https = options.transports.contains("https");
            warm = warm(new Contender("bot-java", Kind.BOT, https, botRoot, BOT_HANDLER), options.warm);
        }
        report(results, warm, started, loadBefore, loadAverage());
        System.out.print(timelines);
    }

    private Run coldStart(Contender contender) throws Exception {
        try (RuntimeApiServer api = RuntimeApiServer.start("hmac-bench", Duration.ofSeconds(10));
             FakeSlack slack = new FakeSlack(contender.https ? tls.serverContext() : null)) {
            String triggerId = "bench." + System.nanoTime();
            String event = switch (contender.kind) {
                case BOT -> botEvent(slack, triggerId);
                case REST, TRIVIAL -> ProxyEvents.event("POST", "/signature",
                        Map.of("Content-Type", "application/json"), REST_BODY, false);
            };
            RuntimeApiServer.Invocation invocation = api.enqueue(event);
            Launched function = launch(contender, api, slack, triggerId);
            try {
                RuntimeApiServer.Outcome outcome = await(invocation, function);
                double cpu = cpuMillis(function.pid());
                OptionalLong rss = function.peakRssKb();
                check(contender, outcome, event, function);
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
                        ms(outcome.arrivedNanos() - function.startNanos()), cpu, rss.orElse(-1) / 1024.0, before);
            } finally {
                function.close();
            }
        }
    }

    /** Warm invocations 2..n: from `next` to views.open arriving, to the response, and the function's CPU time. */
    private record Warm(List<Double> toViewsOpen, List<Double> toResponse, List<Double> cpu) {
    }

    /** One process: the first /hmac is cold, then {@code count - 1} more, each timed from `next`. */
    private Warm warm(Contender contender, int count) throws Exception {
        try (RuntimeApiServer api = RuntimeApiServer.start("hmac-bench", Duration.ofSeconds(10));
             FakeSlack slack = new FakeSlack(contender.https ? tls.serverContext() : null)) {
            String firstTrigger = "bench.warm.1";
            RuntimeApiServer.Invocation first = api.enqueue(botEvent(slack, firstTrigger));
            Launched function = launch(contender, api, slack, firstTrigger);
            try {
                check(contender, await(first, function), null, function);
                Warm warm = new Warm(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                double cpuBefore = cpuMillis(function.pid());
                for (int i = 2; i <= count; i++) {
                    String triggerId = "bench.warm." + i;
                    RuntimeApiServer.Invocation next = api.enqueue(botEvent(slack, triggerId));
                    RuntimeApiServer.Outcome outcome = await(next, function);
                    double cpuAfter = cpuMillis(function.pid());
                    check(contender, outcome, null, function);
                    long opened = slack.methodCalls("views.open").stream().filter(c -> c.body().contains(triggerId))
                            .findFirst().orElseThrow(() -> failure(contender, "no views.open", function)).nanoTime();
                    warm.toViewsOpen.add(ms(opened - outcome.servedNanos()));
                    warm.toResponse.add(ms(outcome.arrivedNanos() - outcome.servedNanos()));
                    warm.cpu.add(cpuAfter - cpuBefore);
                    cpuBefore = cpuAfter;
                }
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
                 FakeSlack slack = new FakeSlack(contender.https ? tls.serverContext() : null)) {
                String triggerId = "bench.timeline." + i;
                RuntimeApiServer.Invocation invocation = api.enqueue(botEvent(slack, triggerId));
                Launched function = launch(contender, api, slack, triggerId,
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
                + "loads) | ms | classes loaded (from the JDK's CDS archive) |%n|---|---|---|%n", contender.name,
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
                contender.https ? "S" : "", median(results.stream().mapToDouble(ColdStartTimeline.Result::toViewsOpenMs)
                        .toArray())));
        Map<String, Double> threads = new LinkedHashMap<>();
        results.get(0).cpuByThread().keySet().forEach(name -> threads.put(name, median(results.stream()
                .mapToDouble(r -> r.cpuByThread().getOrDefault(name, 0.0)).toArray())));
        out.append("CPU time by thread up to the response (median ms): ").append(threads.entrySet().stream()
                .filter(e -> e.getValue() >= 1).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "))).append(String.format("%n%n"));
        return out.toString();
    }

    private String botEvent(FakeSlack slack, String triggerId) {
        String body = SlackRequests.slashCommand("", slack.responseUrl(triggerId), triggerId);
        return ProxyEvents.slackEvent(SlackRequests.sign(body, SlackRequests.now()), false);
    }

    private Launched launch(Contender contender, RuntimeApiServer api, FakeSlack slack, String triggerId)
            throws IOException {
        return launch(contender, api, slack, triggerId, List.of());
    }

    private Launched launch(Contender contender, RuntimeApiServer api, FakeSlack slack, String triggerId,
                            List<String> jvmOptions) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        if (contender.primed) {
            // What Lambda sets for provisioned concurrency: the bot primes itself during init.
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
        }
        if (contender.kind == Kind.BOT) {
            env.put("SLACK_SIGNING_SECRET", SlackRequests.SIGNING_SECRET);
            env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
            env.put("SLACK_API_URL", slack.apiUrl());
        }
        if (contender.node()) {
            // The very modal the Java listener opens for this command, for Bolt for JavaScript to open.
            Path modal = work.resolve("modal-" + triggerId + ".json");
            Files.writeString(modal, Json.write(SignModal.build(null, null,
                    new PrivateMetadata(slack.responseUrl(triggerId), "D0001").toJson())));
            env.put("BENCH_MODAL", modal.toString());
            if (contender.https) {
                env.put("NODE_EXTRA_CA_CERTS", tls.pem().toString());
            }
            NodeFunction node = NodeFunction.start(options.nodeBin, contender.taskRoot, "app.handler", api.address(),
                    options.memoryMb, FUNCTION_CPU, env);
            return new Launched(node.pid(), node.startNanos(), node::peakRssKb, node::output, node::close);
        }
        LambdaProcess.Builder builder = LambdaProcess.builder(contender.handler)
                .javaHome(options.javaHome)
                .runtimeDir(options.runtimeDir)
                .runtimeApi(api)
                .taskRoot(contender.taskRoot)
                .functionName(contender.kind == Kind.BOT ? "hmac-bot" : "hmac-api")
                .memoryMb(options.memoryMb)
                .pinToCpu(FUNCTION_CPU);
        String javaToolOptions = contender.javaToolOptions != null ? contender.javaToolOptions : options.javaToolOptions;
        if (!javaToolOptions.isBlank()) {
            builder.javaToolOptions(javaToolOptions);
        }
        if (contender.https) {
            builder.jvmOption("-Djavax.net.ssl.trustStore=" + tls.trustStore());
        }
        options.jvmOptions.forEach(builder::jvmOption);
        jvmOptions.forEach(builder::jvmOption);
        env.forEach(builder::env);
        LambdaProcess process = builder.start();
        return new Launched(process.pid(), process.startNanos(), process::peakRssKb, process::output, process::close);
    }

    /** A started function, Java or Node. */
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

    /** CPU time of every thread of the process so far (Linux schedstat, in ns), or -1. */
    private static double cpuMillis(long pid) {
        long nanos = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    nanos += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]);
                } catch (IOException | RuntimeException gone) {
                    // A thread that just ended.
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ms(nanos);
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
            case REST -> outcome.body().contains("\"statusCode\":200") && outcome.body().contains(REST_SIGNATURE);
            case TRIVIAL -> outcome.body().equals(event);
        };
        if (!ok) {
            throw failure(contender, "unexpected response " + outcome.body(), function);
        }
    }

    private static IllegalStateException failure(Contender contender, String what, Launched function) {
        return new IllegalStateException(contender.name + ": " + what + ". Output:\n" + function.output());
    }

    private void report(Map<Contender, List<Run>> results, Warm warm, Instant started, String loadBefore,
                        String loadAfter) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%s, %d runs each (median [min–max]); function pinned to 1 CPU, %d MB, "
                        + "JAVA_TOOL_OPTIONS=\"%s\"%n", started.truncatedTo(ChronoUnit.SECONDS), options.runs,
                options.memoryMb, options.javaToolOptions);
        System.out.printf(Locale.ROOT, "Java %s (%s), Node %s, %s; load average %s before, %s after%n",
                javaVersion(options.javaHome), options.javaHome, nodeVersion(), cpuModel(), loadBefore, loadAfter);
        System.out.println();

        Map<String, List<Run>> bot = new LinkedHashMap<>();
        Map<String, List<Run>> rest = new LinkedHashMap<>();
        results.forEach((c, runs) -> (c.kind == Kind.BOT ? bot : rest).put(c.name, runs));
        if (!bot.isEmpty()) {
            System.out.println("| /hmac, cold | Slack API | views.open | response | init (`next`) "
                    + "| `next` → views.open | CPU time | peak RSS | Slack calls before views.open |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            bot.forEach((name, runs) -> System.out.printf(Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    label(name), name.substring(name.lastIndexOf(' ') + 1),
                    ms(runs, Run::viewsOpenMs), ms(runs, Run::responseMs), ms(runs, Run::nextMs),
                    ms(runs, r -> r.viewsOpenMs - r.nextMs), ms(runs, Run::cpuMs), mb(runs), calls(runs)));
            System.out.println();
        }
        if (!rest.isEmpty()) {
            System.out.println("| POST /signature, cold | response | init (`next`) | CPU time | peak RSS |");
            System.out.println("|---|---|---|---|---|");
            rest.forEach((name, runs) -> System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n",
                    label(name), ms(runs, Run::responseMs), ms(runs, Run::nextMs), ms(runs, Run::cpuMs), mb(runs)));
            System.out.println();
        }
        if (warm != null) {
            System.out.printf(Locale.ROOT, "Warm /hmac in one process, invocations 2..%d (%s; median, 2nd invocation, "
                            + "max): `next` → views.open %s; `next` → response %s; function CPU time %s%n%n",
                    warm.toResponse.size() + 1, options.transports.contains("https") ? "https" : "http",
                    spread(warm.toViewsOpen), spread(warm.toResponse), spread(warm.cpu));
        }
        ratios(bot, rest, warm);
    }

    private void ratios(Map<String, List<Run>> bot, Map<String, List<Run>> rest, Warm warm) {
        for (String transport : options.transports) {
            List<Run> java = bot.get("bot-java " + transport);
            List<Run> js = bot.get("bot-js " + transport);
            if (java != null && js != null) {
                double time = median(java, Run::viewsOpenMs) / median(js, Run::viewsOpenMs);
                double rss = median(java, Run::rssMb) / median(js, Run::rssMb);
                System.out.printf(Locale.ROOT, "Targets, %s: views.open %.2f× Bolt-JS's (target ≤ 1.0, then 0.75): %s;"
                                + " RSS %.2f× (≤ 1.25): %s; calls before views.open: %d (0): %s%n", transport, time,
                        verdict(time <= 1.0), rss, verdict(rss <= 1.25), java.get(0).callsBefore.size(),
                        verdict(java.stream().allMatch(r -> r.callsBefore.isEmpty())));
            }
        }
        if (rest.containsKey("rest-java") && rest.containsKey("trivial-java")) {
            double ratio = median(rest.get("rest-java"), Run::responseMs) / median(rest.get("trivial-java"), Run::responseMs);
            System.out.printf(Locale.ROOT, "Targets, REST: cold answer %.2f× the trivial handler's (≤ 2): %s%n", ratio,
                    verdict(ratio <= 2));
        }
        // A --compare jar against this build's, round by round (both ran in each round, back to back): the median of
        // the per-round ratios moves less with other load on the machine than the ratio of the medians.
        for (String variant : options.compare.keySet()) {
            for (String transport : options.transports) {
                compared("/hmac, " + transport, bot.get("bot-java " + transport), bot.get(variant + " " + transport),
                        variant, true);
            }
        }
        for (String variant : options.compareRest.keySet()) {
            compared("POST /signature", rest.get("rest-java"), rest.get(variant), variant, false);
        }
        if (warm != null) {
            double handled = median(warm.toResponse);
            System.out.printf(Locale.ROOT, "Targets, warm: /hmac handled in %.2f ms, `next` to response (< 5 ms): %s%n",
                    handled, verdict(handled < 5));
        }
    }

    private static void compared(String what, List<Run> current, List<Run> other, String otherName, boolean viewsOpen) {
        if (current == null || other == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "This build ÷ %s, %s (median of the %d per-round ratios [min–max]): %s%s"
                        + " response %s; CPU time %s; peak RSS %s%n", otherName, what, current.size(),
                viewsOpen ? "views.open " : "", viewsOpen ? ratio(current, other, Run::viewsOpenMs) + ";" : "",
                ratio(current, other, Run::responseMs), ratio(current, other, Run::cpuMs), ratio(current, other, Run::rssMb));
    }

    private static String ratio(List<Run> current, List<Run> other, ToDoubleFunction<Run> value) {
        double[] ratios = new double[current.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = value.applyAsDouble(current.get(i)) / value.applyAsDouble(other.get(i));
        }
        return String.format(Locale.ROOT, "%.3f [%.2f–%.2f]", median(ratios), Arrays.stream(ratios).min().orElse(0),
                Arrays.stream(ratios).max().orElse(0));
    }

    private String label(String name) {
        String base = name.contains(" ") ? name.substring(0, name.lastIndexOf(' ')) : name;
        return switch (base) {
            case "bot-java" -> "Bolt for Java (hmac-bot.jar)";
            case "bot-java-primed" -> "Bolt for Java, init primed (provisioned concurrency)";
            case "bot-js" -> "Bolt for JavaScript " + boltJsVersion();
            case "rest-java" -> "REST (hmac-api.jar)";
            case "trivial-java" -> "trivial Java stream handler";
            default -> base;
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

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
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
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: scripts/coldstart builds it");
        }
        // As Lambda unpacks a deployment package into /var/task.
        return LambdaProcess.unzip(jar, Files.createDirectories(work.resolve("task-" + name)));
    }

    /** The installed @slack/bolt's version, as npm resolved it from the lock file. */
    private String boltJsVersion() {
        try {
            String json = Files.readString(nodeRoot.resolve("node_modules/@slack/bolt/package.json"));
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
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "")).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private String nodeVersion() {
        if (!options.runNode) {
            return "(not run)";
        }
        try {
            Process process = new ProcessBuilder(options.nodeBin, "--version").redirectErrorStream(true).start();
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

    /** The command line; jar locations come from system properties the script sets. */
    private static final class Options {
        int runs = 7;
        List<String> transports = List.of("http", "https");
        List<String> suites = List.of("bot", "rest", "warm");
        boolean runNode = true;
        boolean primed = true;
        String javaToolOptions = TEMPLATE_JAVA_TOOL_OPTIONS;
        int memoryMb = TEMPLATE_MEMORY_MB;
        Path javaHome = Path.of(System.getProperty("java.home"));
        String nodeBin = "node";
        int warm = 30;
        final Map<String, Path> compare = new LinkedHashMap<>();
        final Map<String, Path> compareRest = new LinkedHashMap<>();
        final Map<String, String> compareOptions = new LinkedHashMap<>();
        final List<String> jvmOptions = new ArrayList<>();
        Path botJar = property("hmac.botJar", "bot-lambda/target/hmac-bot.jar");
        Path apiJar = property("hmac.apiJar", "api/target/hmac-api.jar");
        Path handlersJar = property("handlers.jar", "tests/target/hmac-tests-1.0.0-SNAPSHOT-handlers.jar");
        Path runtimeDir = property(LambdaProcess.RUNTIME_DIR_PROPERTY, "tests/target/lambda-runtime");
        Path boltJsDir = property("hmac.boltJsDir", "bench/boltjs");

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--transports" -> o.transports = List.of(args[++i].split(","));
                    case "--suites" -> o.suites = List.of(args[++i].split(","));
                    case "--no-node" -> o.runNode = false;
                    case "--no-primed" -> o.primed = false;
                    case "--java-tool-options" -> o.javaToolOptions = args[++i];
                    case "--memory" -> o.memoryMb = Integer.parseInt(args[++i]);
                    case "--java-home" -> o.javaHome = Path.of(args[++i]);
                    case "--node" -> o.nodeBin = args[++i];
                    case "--warm" -> o.warm = Integer.parseInt(args[++i]);
                    case "--compare", "--compare-rest" -> {
                        String[] nameAndJar = args[++i].split("=", 2);
                        (arg.equals("--compare") ? o.compare : o.compareRest)
                                .put(nameAndJar[0], Path.of(nameAndJar[1]).toAbsolutePath());
                    }
                    case "--compare-options" -> {
                        String[] nameAndOptions = args[++i].split("=", 2);
                        o.compareOptions.put(nameAndOptions[0], nameAndOptions[1]);
                    }
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
