package dev.hmac.tests.lambda;

import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.tests.lambda.RuntimeApiServer.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures what the SAM template's memory size and timeout are chosen from: each deployable jar under the real
 * runtime interface client, at several memory sizes, with the CPU share Lambda gives that size (1 vCPU at
 * 1,769 MB, proportionally less below: a CFS quota on a cgroup of its own, on one pinned core).
 *
 * <p>Not part of the build: it asserts nothing about time and takes minutes. Run it on a quiet machine with
 * {@code mvn -pl tests -am verify -Dhmac.measure=true -Dit.test=LambdaFootprintIT -Dsurefire.skip=true}
 * (set {@code hmac.measure.javaHome} to measure another JDK, {@code hmac.measure.javaToolOptions} to add JVM options,
 * {@code hmac.measure.memory} to choose the sizes, e.g. {@code 512,1024}). Needs a writable cgroup v1 cpu controller
 * (root); without it the runs get the whole core and the table says so.
 */
@EnabledIfSystemProperty(named = "hmac.measure", matches = "true")
class LambdaFootprintIT {
    private static final Path API_JAR = Path.of(System.getProperty("hmac.apiJar"));
    private static final Path BOT_JAR = Path.of(System.getProperty("hmac.botJar"));
    private static final int COLD_RUNS = 3;
    private static final int WARM_RUNS = 20;
    private static final Duration ANSWER = Duration.ofSeconds(60);

    private final Path javaHome = Path.of(System.getProperty("hmac.measure.javaHome", System.getProperty("java.home")));
    private final String javaToolOptions = System.getProperty("hmac.measure.javaToolOptions", "");
    private final int[] memorySizes = Arrays.stream(System.getProperty("hmac.measure.memory", "256,512,1024,1769").split(","))
            .mapToInt(Integer::parseInt).toArray();

    @Test
    void apiJar() throws Exception {
        Function<Integer, String> event = i -> ProxyEvents.event("POST", "/signature",
                Map.of("Content-Type", "application/json", "x-api-key", "k3y"),
                "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                        + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"timestamp\":\"" + (1444762678 + i) + "\"}", false);
        measure("api", API_JAR, "dev.hmac.api.lambda.SignatureHandler::handleRequest", Map.of(), event);
    }

    @Test
    void botJar() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            Function<Integer, String> event = i -> ProxyEvents.slackEvent(SlackRequests.sign(
                    SlackRequests.slashCommand("", slack.responseUrl(Integer.toString(i)), "1111.2222." + i),
                    SlackRequests.now()), false);
            measure("bot", BOT_JAR, "dev.hmac.bot.lambda.SlackEventsHandler::handleRequest",
                    Map.of("SLACK_SIGNING_SECRET", SlackRequests.SIGNING_SECRET, "SLACK_BOT_TOKEN", SlackRequests.BOT_TOKEN,
                            "SLACK_API_URL", slack.apiUrl()), event);
        }
    }

    private void measure(String name, Path jar, String handler, Map<String, String> env,
                         Function<Integer, String> event) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%s jar, %s, cold = JVM start to first answer (init = to first `next`), median of %d;"
                + " warm = median of %d; JAVA_TOOL_OPTIONS=%s", name, javaHome, COLD_RUNS, WARM_RUNS, javaToolOptions));
        rows.add(String.format("%8s %6s %10s %10s %10s %10s %10s", "memory", "vCPU", "init ms", "cold ms",
                "cold CPU ms", "warm ms", "peak RSS MB"));
        for (int memory : memorySizes) {
            double share = CpuShare.of(memory);
            long[] init = new long[COLD_RUNS];
            long[] cold = new long[COLD_RUNS];
            long[] coldCpu = new long[COLD_RUNS];
            long warm = 0;
            long rss = 0;
            boolean limited = false;
            for (int run = 0; run < COLD_RUNS; run++) {
                try (RuntimeApiServer api = RuntimeApiServer.start(); CpuShare cgroup = CpuShare.create(name + memory, share)) {
                    limited = cgroup.limited();
                    var first = api.enqueue(event.apply(0));
                    LambdaProcess.Builder builder = LambdaProcess.builder(handler).javaHome(javaHome).runtimeApi(api)
                            .handlerJar(jar).memoryMb(memory).pinToCpu(0).launcher(cgroup.launcher());
                    env.forEach(builder::env);
                    if (!javaToolOptions.isBlank()) {
                        builder.javaToolOptions(javaToolOptions);
                    }
                    try (LambdaProcess lambda = builder.start()) {
                        Outcome outcome = first.await(ANSWER);
                        assertEquals(Outcome.Kind.RESPONSE, outcome.kind(), lambda::output);
                        init[run] = (outcome.servedNanos() - lambda.startNanos()) / 1_000_000;
                        cold[run] = (outcome.arrivedNanos() - lambda.startNanos()) / 1_000_000;
                        coldCpu[run] = cpuMillis(lambda.pid());
                        if (run == COLD_RUNS - 1) {
                            long[] warmRuns = new long[WARM_RUNS];
                            for (int i = 0; i < WARM_RUNS; i++) {
                                Outcome next = api.enqueue(event.apply(i + 1)).await(ANSWER);
                                assertEquals(Outcome.Kind.RESPONSE, next.kind(), lambda::output);
                                warmRuns[i] = (next.arrivedNanos() - next.servedNanos()) / 1_000;
                            }
                            warm = median(warmRuns);
                            rss = lambda.peakRssKb().orElse(0) / 1024;
                        }
                    }
                }
            }
            rows.add(String.format("%8d %6.2f %10d %10d %10d %10.1f %10d%s", memory, share, median(init), median(cold),
                    median(coldCpu), warm / 1000.0, rss, limited ? "" : "  (CPU not limited: no cgroup)"));
        }
        String table = String.join("\n", rows);
        System.out.println(table);
        Files.writeString(Path.of(System.getProperty("hmac.buildDir"), "footprint-" + name + ".txt"), table + "\n");
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** User + system CPU time of the process so far, from /proc/PID/stat (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
