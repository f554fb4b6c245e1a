package dev.hmac.tests.deploy;

import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.lambda.testing.ProxyEvents;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import dev.hmac.tests.lambda.CpuShare;
import dev.hmac.tests.lambda.LambdaProcess;
import dev.hmac.tests.lambda.RuntimeApiServer;
import dev.hmac.tests.lambda.RuntimeApiServer.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures what a check costs where it runs against a clock: each jar under the real runtime interface client, with
 * the template's memory size, its CPU share (a CFS quota: {@link CpuShare}) and its
 * JAVA_TOOL_OPTIONS, fed a check whose search runs to its CPU budget (no timestamp, a signature made with another
 * secret: the common case in Slack, where the timestamp is optional). The bot answers through the response_url of
 * a fake Slack on loopback, as it does Slack's. Reports, per contender, the init's CPU, the first check of a fresh
 * JVM and a warm check (the process's CPU, all threads, and the wall time), median [min–max] of rounds that alternate
 * the contenders, and how far the search got. On a shared machine the CPU figures are the steady ones: a function
 * that gets its whole share answers in about CPU / share.
 *
 * <p>Not part of the build: it asserts nothing about time. Run it with
 * {@code mvn -pl tests -am verify -Dhmac.measure=true -Dit.test=CheckTimingIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code hmac.measure.rounds}, default 5; {@code hmac.measure.variants},
 * JVM options to add to the template's, separated by {@code |}, each a contender; default: none added).
 */
@EnabledIfSystemProperty(named = "hmac.measure", matches = "true")
class CheckTimingIT {
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final int WARM_RUNS = 5;
    private static final String OTHER_SECRETS_SIGNATURE = "pk6clL68LirlJDp7tYB6fT+2uCzo9GWa+A/GPgr2gSs=";
    private static final Pattern NOT_TRIED = Pattern.compile("before it tried (.*?)\\. ");

    private final int rounds = Integer.getInteger("hmac.measure.rounds", 5);
    private final List<String> variants = Arrays.asList(System.getProperty("hmac.measure.variants", "").split("\\|", -1));

    @Test
    void slackCheck() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            Function<Integer, String> event = i -> ProxyEvents.slackEvent(SlackRequests.sign(
                    SlackRequests.checkSubmission(SlackRequests.checkValues("https://apoorva.com",
                            "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "S6meLXlUY00YVML3", null, OTHER_SECRETS_SIGNATURE),
                            new PrivateMetadata(slack.responseUrl(Integer.toString(i)), "D0001").toJson()),
                    SlackRequests.now()), false);
            Map<String, String> env = new LinkedHashMap<>(Map.of("SLACK_SIGNING_SECRET", SlackRequests.SIGNING_SECRET,
                    "SLACK_BOT_TOKEN", SlackRequests.BOT_TOKEN));
            measure("slack-check", Template.SLACK_FUNCTION, Map.of("SlackSecretArn", "", "SlackApiUrl", slack.apiUrl()),
                    env, event, () -> {
                        List<FakeSlack.Call> posts = slack.responseUrlPosts();
                        String body = posts.isEmpty() ? "" : posts.get(posts.size() - 1).body();
                        slack.clear();
                        return reach(body.replace("\\n", " "));
                    });
        }
    }

    @Test
    void restCheck() throws Exception {
        String[] last = {""};
        Function<Integer, String> event = i -> ProxyEvents.event("POST", "/verify",
                Map.of("Content-Type", "application/json", "x-api-key", "k3y"),
                "{\"callback\":\"https://apoorva.com\",\"clientid\":\"LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ\","
                        + "\"clientsecret\":\"S6meLXlUY00YVML3\",\"signature\":\"" + OTHER_SECRETS_SIGNATURE + "\"}", false);
        measure("rest-check", Template.SIGNATURE_FUNCTION, Map.of(), Map.of(), event, () -> reach(last[0]), last);
    }

    private interface Reach {
        String get() throws Exception;
    }

    private void measure(String name, String functionId, Map<String, String> parameters, Map<String, String> env,
                         Function<Integer, String> event, Reach reach) throws Exception {
        measure(name, functionId, parameters, env, event, reach, null);
    }

    /** @param lastReply where the last reply's body goes, when the reach is read from it */
    private void measure(String name, String functionId, Map<String, String> parameters, Map<String, String> env,
                         Function<Integer, String> event, Reach reach, String[] lastReply) throws Exception {
        Template template = Template.load();
        int memory = template.memorySize(functionId);
        double share = CpuShare.of(memory);
        Map<String, String> functionEnv = new LinkedHashMap<>(template.environment(functionId, parameters));
        functionEnv.remove("SLACK_SECRET_ARN");
        functionEnv.putAll(env);
        // Set through the builder, with each contender's additions.
        String templateOptions = functionEnv.remove("JAVA_TOOL_OPTIONS");
        Map<String, List<long[]>> results = new LinkedHashMap<>();
        Map<String, List<String>> reaches = new LinkedHashMap<>();
        boolean limited = false;
        for (int round = 0; round < rounds; round++) {
            for (String variant : variants) {
                String options = (templateOptions + " " + variant).trim();
                try (RuntimeApiServer api = RuntimeApiServer.start();
                     CpuShare cgroup = CpuShare.create(name + round, share)) {
                    limited = cgroup.limited();
                    LambdaProcess.Builder builder = LambdaProcess.builder(template.handler(functionId)).runtimeApi(api)
                            .handlerJar(template.codeUri(functionId)).memoryMb(memory).pinToCpu(0)
                            .launcher(cgroup.launcher());
                    functionEnv.forEach(builder::env);
                    builder.javaToolOptions(options);
                    try (LambdaProcess lambda = builder.start()) {
                        long initCpu = awaitIdle(lambda);
                        long[] first = check(api, lambda, event.apply(0), lastReply);
                        reaches.computeIfAbsent(variant, v -> new ArrayList<>()).add("first: " + reach.get());
                        long[][] warm = new long[WARM_RUNS][];
                        for (int i = 0; i < WARM_RUNS; i++) {
                            warm[i] = check(api, lambda, event.apply(i + 1), lastReply);
                        }
                        reaches.get(variant).add("warm: " + reach.get());
                        results.computeIfAbsent(variant, v -> new ArrayList<>()).add(new long[] {initCpu, first[0],
                                first[1], median(column(warm, 0)), median(column(warm, 1))});
                    }
                }
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%s: %s jar, %d MB (%.2f vCPU%s), JAVA_TOOL_OPTIONS=%s, %d rounds alternating the "
                        + "contenders, median [min-max] ms; CPU = the function process's user + system time (all its "
                        + "threads), wall = handed the event to its answer", name, functionId, memory, share,
                limited ? "" : ", NOT limited: no cgroup", templateOptions, rounds));
        for (String variant : variants) {
            List<long[]> runs = results.get(variant);
            rows.add(String.format("  %-36s init CPU %s | first check: CPU %s, wall %s | warm check: CPU %s, wall %s"
                            + " | reached: %s", variant.isEmpty() ? "(template)" : "+ " + variant, summary(runs, 0),
                    summary(runs, 1), summary(runs, 2), summary(runs, 3), summary(runs, 4),
                    String.join("; ", reaches.get(variant).stream().distinct().toList())));
        }
        String table = String.join("\n", rows);
        System.out.println(table);
        Files.writeString(Path.of(System.getProperty("hmac.buildDir"), "timing-" + name + ".txt"), table + "\n");
    }

    /** One event to a function waiting for it: its process's CPU ms and the wall ms to the answer. */
    private static long[] check(RuntimeApiServer api, LambdaProcess lambda, String event, String[] lastReply)
            throws Exception {
        long cpu = cpuMillis(lambda.pid());
        Outcome outcome = api.enqueue(event).await(ANSWER);
        long spent = cpuMillis(lambda.pid()) - cpu;
        assertEquals(Outcome.Kind.RESPONSE, outcome.kind(), lambda::output);
        keep(lastReply, outcome);
        return new long[] {spent, (outcome.arrivedNanos() - outcome.servedNanos()) / 1_000_000};
    }

    /** Waits for the end of init (the process spends no CPU for 300 ms, blocked on its first next); its CPU ms. */
    private static long awaitIdle(LambdaProcess lambda) throws Exception {
        long last = -1;
        int still = 0;
        while (still < 6) {
            Thread.sleep(50);
            long now = cpuMillis(lambda.pid());
            still = now == last ? still + 1 : 0;
            last = now;
        }
        return last;
    }

    /** User + system CPU time of the process so far, from /proc/PID/stat (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static long[] column(long[][] rows, int column) {
        return Arrays.stream(rows).mapToLong(row -> row[column]).toArray();
    }

    private static void keep(String[] lastReply, Outcome outcome) throws Exception {
        if (lastReply != null) {
            lastReply[0] = (String) ((Map<?, ?>) Json.parse(outcome.body())).get("body");
        }
    }

    /** How far the search got, from the verdict's words: "all" or what it had not tried yet. */
    private static String reach(String reply) {
        Matcher notTried = NOT_TRIED.matcher(reply);
        return notTried.find() ? "stopped before " + notTried.group(1) : reply.isEmpty() ? "(no reply)" : "all";
    }

    private static String summary(List<long[]> runs, int column) {
        long[] values = runs.stream().mapToLong(run -> run[column]).sorted().toArray();
        return median(values) + " [" + values[0] + "-" + values[values.length - 1] + "]";
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
