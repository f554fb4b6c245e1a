package dev.hmac.core.verify;

import dev.hmac.core.Algorithm;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import dev.hmac.core.VerificationRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cost of a verification search, cold (a fresh JVM per run, one CPU, Lambda's flags) and warm (after
 * warm-up), and the search's HMAC against the JDK's Mac used three ways. Run by scripts/verification-bench; the
 * figures are in docs/verification.md. In the engine's package to reach its HMAC; not a test.
 */
public final class VerificationBenchmark {
    private static final long T = 1444762678L;
    private static final String CALLBACK = "https://apoorva.com";
    private static final String ID = "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ";
    private static final String SECRET = "S6meLXlUY00YVML3";
    private static final String VECTOR = "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=";
    /** Signatures no cause explains (made with another secret), so every step runs. */
    private static final String OTHER = "gK24XBJs7SjilKhU/SSdY0qgV1hGKzJHLMVrdBFgtiQ=";
    private static final String OTHER_SHA512 =
            "FWyOdC6lg5JK4tjYuUDtuBFHX7sMfndV7FdWRrphU+Z2dhZU8SjWbASM8Zdct0ZlwXuPuzt4rd9DbCGhybM6uA==";

    /** Lambda's java flags (the runtime's), and with the template's JAVA_TOOL_OPTIONS on top. */
    private static final Map<String, List<String>> FLAGS = new LinkedHashMap<>();

    static {
        List<String> lambda = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto");
        List<String> deployed = new ArrayList<>(lambda);
        deployed.addAll(List.of("-XX:CompileThresholdScaling=3", "-XX:-Inline"));
        FLAGS.put("lambda", lambda);
        FLAGS.put("template", deployed);
        FLAGS.put("server", List.of("-XX:+UseSerialGC"));
    }

    private VerificationBenchmark() {
    }

    // ---- what is searched ----

    static VerificationRequest request(String scenario) {
        return switch (scenario) {
            case "match" -> VerificationRequest.of(CALLBACK, ID, SECRET, Long.toString(T), VECTOR, null, null);
            case "whitespace" -> VerificationRequest.of(CALLBACK, ID, SECRET, Long.toString(T),
                    "6HGIgP+vMqYts8qYS0WiWqQCdD2b1KuTZUmsfYVA9u8=", null, null);
            case "full" -> VerificationRequest.of(CALLBACK, ID, SECRET, Long.toString(T), OTHER, null, null);
            case "full-now" -> VerificationRequest.of(CALLBACK, ID, SECRET, null, OTHER, null, null);
            case "full-sha512" -> VerificationRequest.of(CALLBACK, ID, SECRET, Long.toString(T),
                    OTHER_SHA512, "sha512", null);
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    private static Verifier verifier(Duration budget) {
        return new Verifier(Clock.fixed(Instant.ofEpochSecond(T + 30), ZoneOffset.UTC), budget);
    }

    // ---- children: each prints one line of numbers ----

    /** The first and second search of a fresh JVM: wall ns of each, then whether the first was complete. */
    private static void cold(String scenario) {
        if (scenario.equals("sign")) {
            coldSigning();
            return;
        }
        long start = System.nanoTime();
        Verdict first = verifier(Duration.ofHours(1)).verify(request(scenario));
        long firstNs = System.nanoTime() - start;
        start = System.nanoTime();
        verifier(Duration.ofHours(1)).verify(request(scenario));
        long secondNs = System.nanoTime() - start;
        System.out.println(firstNs + " " + secondNs + " " + first.complete() + " " + first.causes());
    }

    /** The same for signing the vector: what any surface's first request pays, for comparison. */
    private static void coldSigning() {
        long start = System.nanoTime();
        new Signer().sign(SignatureRequest.of(CALLBACK, ID, SECRET, Long.toString(T)));
        long firstNs = System.nanoTime() - start;
        start = System.nanoTime();
        new Signer().sign(SignatureRequest.of(CALLBACK, ID, SECRET, Long.toString(T)));
        System.out.println(firstNs + " " + (System.nanoTime() - start) + " true [signed]");
    }

    /** The management classes the CPU budget reads: their first use in a fresh JVM, wall ns. */
    private static void coldCpuClock() {
        long start = System.nanoTime();
        ThreadCpuClock.INSTANCE.getAsLong();
        System.out.println(System.nanoTime() - start);
    }

    /** Median thread CPU ns of a search after warm-up, per scenario. */
    private static void warm(String[] scenarios) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Verifier verifier = verifier(Duration.ofHours(1));
        StringBuilder out = new StringBuilder();
        for (String scenario : scenarios) {
            VerificationRequest request = request(scenario);
            for (int i = 0; i < 12; i++) {
                verifier.verify(request);
            }
            long[] runs = new long[9];
            for (int i = 0; i < runs.length; i++) {
                long cpu = threads.getCurrentThreadCpuTime();
                verifier.verify(request);
                runs[i] = threads.getCurrentThreadCpuTime() - cpu;
            }
            out.append(median(runs)).append(' ');
        }
        System.out.println(out.toString().trim());
    }

    /** With the default budget, warm: whether the search completes, or how far it came. */
    private static void budget(String scenario) {
        Verifier verifier = new Verifier(Clock.fixed(Instant.ofEpochSecond(T + 30), ZoneOffset.UTC));
        Verdict verdict = null;
        for (int i = 0; i < 6; i++) {
            verdict = verifier.verify(request(scenario));
        }
        String message = verdict.explanations().get(verdict.explanations().size() - 1).message();
        int at = message.indexOf("the timestamps ");
        System.out.println(verdict.complete() ? "complete"
                : "stopped at " + message.substring(at + 15, message.indexOf(" or more", at)));
    }

    /** 172,800 HMAC-SHA256 over the vector's prefix and successive timestamps, four ways; thread CPU ns each. */
    private static void hmacs(int rounds) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (SECRET + CALLBACK + ID).getBytes(StandardCharsets.UTF_8);
        String[] names = {"mac-new", "mac-reused", "mac-clone", "prefixed"};
        long[][] times = new long[names.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < names.length; k++) {
                int way = (k + r) % names.length;
                long cpu = threads.getCurrentThreadCpuTime();
                sweep(way, key, prefix);
                times[way][r] = threads.getCurrentThreadCpuTime() - cpu;
            }
        }
        StringBuilder out = new StringBuilder();
        for (long[] t : times) {
            out.append(median(t)).append(' ');
        }
        System.out.println(out.toString().trim());
    }

    private static int sink;

    private static void sweep(int way, byte[] key, byte[] prefix) throws Exception {
        byte[] digits = new byte[10];
        byte[] out = new byte[32];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        if (way == 2) {
            mac.update(prefix);
        }
        PrefixedHmac prefixed = new PrefixedHmac(Algorithm.SHA256, key, prefix);
        for (long d = 0; d < 2 * Search.DAY; d++) {
            long v = T - Search.DAY + d;
            for (int i = 9; i >= 0; i--) {
                digits[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            switch (way) {
                case 0 -> {
                    // As Signer does it: a new Mac for each signature.
                    Mac fresh = Mac.getInstance("HmacSHA256");
                    fresh.init(new SecretKeySpec(key, "HmacSHA256"));
                    fresh.update(prefix);
                    out = fresh.doFinal(digits);
                }
                case 1 -> {
                    mac.update(prefix);
                    mac.update(digits);
                    mac.doFinal(out, 0);
                }
                case 2 -> {
                    Mac copy = (Mac) mac.clone();
                    copy.update(digits);
                    copy.doFinal(out, 0);
                }
                default -> prefixed.mac(digits, 10, new byte[0], out);
            }
            sink += out[0];
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // ---- the parent: runs the children round by round ----

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            switch (args[1]) {
                case "cold" -> cold(args[2]);
                case "cpu-clock" -> coldCpuClock();
                case "warm" -> warm(Arrays.copyOfRange(args, 2, args.length));
                case "hmacs" -> hmacs(Integer.parseInt(args[2]));
                case "budget" -> budget(args[2]);
                default -> throw new IllegalArgumentException(args[1]);
            }
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.printf(Locale.ROOT, "Java %s, %s, %d CPUs; children pinned to one CPU: %s%n%n",
                System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), pin().isEmpty() ? "no (taskset missing)" : "yes");
        coldTable(rounds);
        warmTable();
        budgetTable();
        hmacTable();
    }

    private static final String[] COLD = {"sign", "match", "whitespace", "full", "full-now", "full-sha512"};

    private static void coldTable(int rounds) throws Exception {
        // flags -> scenario -> runs of {first ms, second ms}
        Map<String, Map<String, List<double[]>>> results = new LinkedHashMap<>();
        Map<String, String> causes = new LinkedHashMap<>();
        List<Double> cpuClock = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (String flags : List.of("lambda", "template")) {
                for (int s = 0; s < COLD.length; s++) {
                    // A different order each round, so that no scenario always runs after the same one.
                    String scenario = COLD[(s + r) % COLD.length];
                    String[] line = child(flags, "cold", scenario).split(" ", 4);
                    results.computeIfAbsent(flags, f -> new LinkedHashMap<>())
                            .computeIfAbsent(scenario, k -> new ArrayList<>())
                            .add(new double[] {ms(line[0]), ms(line[1])});
                    causes.put(scenario, line[3] + (Boolean.parseBoolean(line[2]) ? "" : " (incomplete)"));
                }
            }
            cpuClock.add(ms(child("lambda", "cpu-clock")));
        }
        System.out.printf("Cold: a fresh JVM per run, %d runs each, median [min-max] ms of the first search "
                + "(validation included) and of a second one in the same JVM%n%n", rounds);
        System.out.println("| search | verdict | flags | first search | second search |");
        System.out.println("|---|---|---|---|---|");
        for (String scenario : COLD) {
            for (String flags : results.keySet()) {
                List<double[]> runs = results.get(flags).get(scenario);
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", scenario, causes.get(scenario), flags,
                        summary(runs, 0), summary(runs, 1));
            }
        }
        System.out.printf(Locale.ROOT, "%nThe CPU clock's first reading in a fresh JVM (management classes): %s ms%n%n",
                summary(cpuClock.stream().map(v -> new double[] {v}).toList(), 0));
    }

    private static void warmTable() throws Exception {
        String[] scenarios = {"match", "whitespace", "full", "full-now", "full-sha512"};
        System.out.println("Warm: thread CPU ms of one search after 12 of the same, median of 9, one JVM per flags");
        System.out.println();
        System.out.println("| flags | " + String.join(" | ", scenarios) + " |");
        System.out.println("|---" + "|---".repeat(scenarios.length) + "|");
        for (String flags : FLAGS.keySet()) {
            List<String> args = new ArrayList<>(List.of("warm"));
            args.addAll(List.of(scenarios));
            String[] line = child(flags, args.toArray(new String[0])).split(" ");
            StringBuilder row = new StringBuilder("| " + flags + " |");
            for (String value : line) {
                row.append(String.format(Locale.ROOT, " %.1f |", ms(value)));
            }
            System.out.println(row);
        }
        System.out.println();
    }

    private static void budgetTable() throws Exception {
        String[] scenarios = {"full", "full-now", "full-sha512"};
        System.out.printf(Locale.ROOT, "With the default budget (%d ms of CPU), warm: complete, or how far from the "
                + "centre the day's sweep came%n%n", Verifier.DEFAULT_CPU_BUDGET.toMillis());
        System.out.println("| flags | " + String.join(" | ", scenarios) + " |");
        System.out.println("|---" + "|---".repeat(scenarios.length) + "|");
        for (String flags : FLAGS.keySet()) {
            StringBuilder row = new StringBuilder("| " + flags + " |");
            for (String scenario : scenarios) {
                row.append(' ').append(child(flags, "budget", scenario)).append(" |");
            }
            System.out.println(row);
        }
        System.out.println();
    }

    private static void hmacTable() throws Exception {
        String[] names = {"Mac, a new one per HMAC (as Signer)", "Mac reused (prefix fed each time)",
            "Mac with the prefix fed once, cloned per HMAC", "PrefixedHmac (digests with the key and prefix fed once)"};
        System.out.println("The sweep's 172,800 HMAC-SHA256, four ways: thread CPU ms, median of 5 alternating rounds");
        System.out.println();
        System.out.println("| way | " + String.join(" | ", FLAGS.keySet()) + " |");
        System.out.println("|---" + "|---".repeat(FLAGS.size()) + "|");
        List<String[]> columns = new ArrayList<>();
        for (String flags : FLAGS.keySet()) {
            columns.add(child(flags, "hmacs", "5").split(" "));
        }
        for (int way = 0; way < names.length; way++) {
            StringBuilder row = new StringBuilder("| " + names[way] + " |");
            for (String[] column : columns) {
                double mine = ms(column[way]);
                double ours = ms(column[names.length - 1]);
                row.append(String.format(Locale.ROOT, " %.0f (%.2f×) |", mine, mine / ours));
            }
            System.out.println(row);
        }
    }

    // ---- helpers ----

    private static List<String> pin() {
        try {
            Process p = new ProcessBuilder("taskset", "-c", "1", "true").start();
            if (p.waitFor() == 0 && Runtime.getRuntime().availableProcessors() >= 2) {
                return List.of("taskset", "-c", "1");
            }
        } catch (IOException | InterruptedException e) {
            // No taskset: the children run unpinned, and the header says so.
        }
        return List.of();
    }

    private static String child(String flags, String... args) throws Exception {
        List<String> command = new ArrayList<>(pin());
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS.get(flags));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(VerificationBenchmark.class.getName());
        command.add("--child");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            output = reader.lines().reduce((a, b) -> b).orElse("");
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
        return output;
    }

    private static double ms(String nanos) {
        return Long.parseLong(nanos.trim()) / 1e6;
    }

    private static String summary(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", values[values.length / 2], values[0],
                values[values.length - 1]);
    }
}
