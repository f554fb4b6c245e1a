package dev.hmac.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar server/target/hmac-server.jar} as a user starts it, on a free port, with every line it prints
 * captured so tests can assert on the logs.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("hmac is running at (http://\\S+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final URI uri;
    private Thread pump;

    private ServerProcess(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("hmac.serverJar", "../server/target/hmac-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn verify from the repository root");
        }
        return jar;
    }

    /** Starts the server jar with these environment variables (PORT defaults to 0) and waits until it listens. */
    public static ServerProcess start(Map<String, String> env) throws IOException, InterruptedException {
        return start(List.of(), env);
    }

    /** The same, with these JVM options before {@code -jar}, as a container image's entry point may add. */
    public static ServerProcess start(List<String> jvmOptions, Map<String, String> env) throws IOException, InterruptedException {
        return start(jar(), jvmOptions, env);
    }

    /** The same with another build of the server jar (an older one, to compare). */
    public static ServerProcess start(Path jar, List<String> jvmOptions, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("HMAC_"));
        builder.environment().put("PORT", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        URI uri = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (uri == null && System.nanoTime() < deadline) {
            String line = reader.readLine();
            if (line == null) {
                throw new IllegalStateException("the server exited: " + lines);
            }
            lines.add(line);
            Matcher m = RUNNING.matcher(line);
            if (m.find()) {
                uri = URI.create(m.group(1));
            }
        }
        if (uri == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start in 30 s: " + lines);
        }
        ServerProcess server = new ServerProcess(process, uri);
        synchronized (server.lines) {
            server.lines.addAll(lines);
        }
        server.pump = new Thread(() -> server.pump(reader), "server-output");
        server.pump.setDaemon(true);
        server.pump.start();
        return server;
    }

    public URI uri() {
        return uri;
    }

    /** Everything the server printed so far (stdout and stderr). */
    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Waits at most {@code timeout} until what the server printed satisfies {@code condition}, and returns it. An
     * access log line is written after its response is sent, so a client can be answered before the line exists.
     */
    public List<String> awaitOutput(Predicate<List<String>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (!condition.test(lines) && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(lines, Math.max(1, deadline - System.nanoTime()));
            }
            return List.copyOf(lines);
        }
    }

    /** Stops the server as ECS and Ctrl+C do (SIGTERM), waits for it to exit, and returns everything it printed. */
    public List<String> stop() throws InterruptedException {
        // Through the handle: Process.destroy() would also close the pipes, and lose what the server prints as it stops.
        process.toHandle().destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        pump.join(TimeUnit.SECONDS.toMillis(5)); // the pump reads the last lines, then the end of the output
        return output();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void pump(BufferedReader reader) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
