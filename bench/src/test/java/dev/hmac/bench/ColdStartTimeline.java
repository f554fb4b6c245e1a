package dev.hmac.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the bot's cold start goes, read from one process's class-load log ({@code -Xlog:class+load} with
 * {@code uptimemillis}): each phase ends when the first class of the next step is loaded. Also the CPU time of the
 * process's threads by name, which shows the JIT compiler's share on one CPU.
 */
final class ColdStartTimeline {
    /** A phase and the class whose first load ends it. */
    record Phase(String name, String endsAt) {
    }

    static final List<Phase> PHASES = List.of(
            new Phase("JVM start, runtime client, up to the handler class", "dev.hmac.bot.lambda.SlackEventsHandler"),
            new Phase("handler's own setup (configuration, logging, signature check)", "com.slack.api.SlackConfig"),
            new Phase("Slack SDK: SlackConfig, Gson, Kotlin, OkHttp", "javax.net.ssl.TrustManagerFactory"),
            new Phase("Slack SDK singleton's OkHttpClient: TLS trust store and SSLContext", "com.slack.api.bolt.AppConfig"),
            new Phase("Bolt App, listeners, Lambda adapter; JIT backlog until the event is taken",
                    "com.amazonaws.services.lambda.runtime.api.client.api.LambdaContext"),
            new Phase("request: event binding, the signature check, Bolt parsing, routing, listener",
                    "sun.net.www.protocol.http.HttpURLConnection"));

    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ms\\].* (\\S+) source: (.*)$");

    /** Per phase: milliseconds, classes loaded, of which from the CDS archive; plus the last phase to views.open. */
    record Result(List<double[]> phases, double toViewsOpenMs, Map<String, Double> cpuByThread) {
    }

    private ColdStartTimeline() {
    }

    /**
     * @param viewsOpenUptimeMs when views.open arrived, from process start (the JVM's uptime starts a few ms later,
     *                          which the last phase then carries)
     */
    static Result read(Path classLog, double viewsOpenUptimeMs, Map<String, Double> cpuByThread) throws IOException {
        List<double[]> phases = new ArrayList<>();
        long start = 0;
        int classes = 0;
        int shared = 0;
        int phase = 0;
        for (String line : Files.readAllLines(classLog)) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long at = Long.parseLong(m.group(1));
            if (phase < PHASES.size() && m.group(2).equals(PHASES.get(phase).endsAt)) {
                phases.add(new double[] {at - start, classes, shared});
                start = at;
                classes = 0;
                shared = 0;
                phase++;
            }
            classes++;
            shared += m.group(3).startsWith("shared objects file") ? 1 : 0;
        }
        if (phase < PHASES.size()) {
            throw new IllegalStateException("No load of " + PHASES.get(phase).endsAt + " in " + classLog);
        }
        return new Result(phases, viewsOpenUptimeMs - start, cpuByThread);
    }

    /**
     * CPU time in ms by thread name (numbers dropped, so pools add up), from Linux schedstat: the threads alive now,
     * so not one that has ended (an outbound call's own thread).
     */
    static Map<String, Double> cpuByThread(long pid) throws IOException {
        Map<String, Double> byName = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[-#]?\\d+$", "");
                    double ms = Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]) / 1e6;
                    byName.merge(name.equals("java") ? "main" : name, ms, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // A thread that just ended.
                }
            }
        }
        return byName;
    }
}
