package dev.hmac.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The REST contract's npm tools, pinned in {@code api/package.json} and installed by {@code npm ci} in
 * {@code api/node_modules} (as {@code .ci/run} does): redocly, newman, and the collection's generator.
 *
 * <p>With Node and npm on the machine but no modules yet (a fresh clone), the first test that needs them runs
 * {@code npm ci} itself, so {@code mvn verify} alone runs them. Missing Node, or when the install fails, the tests that
 * run them are skipped with the reason, unless {@value #REQUIRE} is {@code 1} (as in CI), where they fail:
 * {@code mvn verify} works on a machine without Node, and CI can't pass by silently skipping the tools.
 */
final class ContractTools {
    static final String REQUIRE = "HMAC_REQUIRE_NPM_TOOLS";
    static final Path ROOT = Path.of(System.getProperty("hmac.root", "..")).toAbsolutePath().normalize();
    static final Path API = ROOT.resolve("api");
    /** redocly 2.77 needs Node 20.19 or newer. */
    private static final int[] NODE_AT_LEAST = {20, 19};

    private final Path node;

    private ContractTools(Path node) {
        this.node = node;
    }

    /** The tools; empty (after saying why on standard error) when missing, unless {@value #REQUIRE} is 1. */
    static Optional<ContractTools> find() {
        String missing = missing();
        if (missing == null) {
            return Optional.of(new ContractTools(SystemChromium.onPath("node").orElseThrow()));
        }
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(missing + " (" + REQUIRE + "=1 requires them)");
        }
        System.err.println("Skipping the contract's npm tools: " + missing);
        return Optional.empty();
    }

    /** Why the tools can't run, or null when they can. */
    static String missing() {
        Optional<Path> node = SystemChromium.onPath("node");
        if (node.isEmpty()) {
            return "node not found on PATH: install Node.js 20.19 or newer, then npm ci in api/";
        }
        String version = version(node.get());
        if (!atLeast(version)) {
            return "node " + version + " is too old: the contract's tools need 20.19 or newer";
        }
        if (!installed()) {
            String failure = install();
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private static boolean installed() {
        return List.of("redocly", "newman").stream()
                .allMatch(bin -> Files.isRegularFile(API.resolve("node_modules/.bin/" + bin)));
    }

    /** {@code npm ci} in {@code api/}, once per test JVM: exactly the locked versions. Null when it worked. */
    private static synchronized String install() {
        if (installed()) {
            return null;
        }
        Optional<Path> npm = SystemChromium.onPath("npm");
        if (npm.isEmpty()) {
            return "api/node_modules is missing and npm is not on PATH: run npm ci in api/";
        }
        try {
            Result result = run(List.of(npm.get().toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                    Duration.ofMinutes(5));
            if (result.exitCode() != 0 || !installed()) {
                return "npm ci in api/ failed (exit " + result.exitCode() + "): " + result.output();
            }
            return null;
        } catch (IOException e) {
            return "npm ci in api/ could not run: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "npm ci in api/ was interrupted";
        }
    }

    /** What a command printed (standard output and error together), and how it ended. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code node} with these arguments in {@code api/}, at most {@code timeout}. */
    Result node(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(node.toString());
        command.addAll(List.of(args));
        return run(command, timeout);
    }

    /** Runs one of the installed tools ({@code api/node_modules/.bin/NAME}) in {@code api/}. */
    Result tool(String name, Duration timeout, String... args) throws IOException, InterruptedException {
        return node(timeout, prepend(API.resolve("node_modules/.bin/" + name).toRealPath().toString(), args));
    }

    private static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path output = Files.createTempFile("contract-tool", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(API.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            env.put("NO_COLOR", "1");
            env.put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String version(Path node) {
        try {
            Process process = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "node --version did not finish");
            return text.startsWith("v") ? text.substring(1) : text;
        } catch (IOException | InterruptedException e) {
            return "(unknown: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static boolean atLeast(String version) {
        String[] parts = version.split("\\.");
        try {
            for (int i = 0; i < NODE_AT_LEAST.length; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part != NODE_AT_LEAST[i]) {
                    return part > NODE_AT_LEAST[i];
                }
            }
            return true;
        } catch (RuntimeException notAVersion) {
            return false;
        }
    }
}
