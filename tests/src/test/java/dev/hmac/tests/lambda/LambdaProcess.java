package dev.hmac.tests.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fresh JVM running a function under the real AWS Lambda runtime interface client (RIC), started as
 * Lambda's managed java runtimes start it, or as a container image's entry point starts it. Its output is kept
 * line by line and its peak RSS is read from {@code /proc}.
 *
 * <p>The managed runtime's command line follows what Lambda's java17 runtime was observed to run (published in
 * github.com/sigpwned/the-lambda-iceberg-dissecting-the-official-java-runtimes, 2023 and 2024), with
 * {@code TieredStopAtLevel=1} the documented default since java17
 * (docs.aws.amazon.com/lambda/latest/dg/java-customization.html):
 * <pre>
 * java -XX:MaxHeapSize=(85% of memory)k -XX:+UseSerialGC -Xshare:on -XX:SharedArchiveFile=/var/lang/lib/server/runtime.jsa
 *      -XX:+TieredCompilation -XX:TieredStopAtLevel=1 --add-opens=java.base/java.io=ALL-UNNAMED
 *      -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac -XX:+ErrorFileToStderr
 *      -Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=/var/runtime/lib/jni/libaws-lambda-jni.linux-x86_64.so
 *      -classpath (aws-lambda-java-core, the RIC, aws-lambda-java-serialization)
 *      com.amazonaws.services.lambda.runtime.api.client.AWSLambda HANDLER
 * </pre>
 * Left out: the Log4jHotPatch {@code -javaagent}, and Lambda's own CDS archive ({@code runtime.jsa},
 * which also holds the RIC's classes): here {@code -Xshare:auto} uses the JDK's default archive.
 * Added: {@code -XX:MaxRAM}, standing in for the sandbox's memory limit.
 * The runtime directory is laid out as Lambda's {@code /var/runtime}: the RIC's jars in {@code lib/}, its native
 * library in {@code lib/jni/}.
 * The function's code is found as Lambda finds it: the RIC loads it from the working directory
 * ({@code LAMBDA_TASK_ROOT}, the unzipped deployment package, plus its {@code lib/*.jar}), or here
 * also from a jar put on the classpath.
 *
 * <p>With {@link Builder#entrypoint}, the process is a container image's {@code ENTRYPOINT} script instead
 * ({@code infra/lambda-image/entrypoint JAR HANDLER}), which picks the JVM's flags itself: the options this
 * builder would put on the command line go into {@code JAVA_TOOL_OPTIONS}, after the function's own.
 */
public final class LambdaProcess implements AutoCloseable {

    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Directory holding the RIC jar and its dependencies; the build sets it. */
    public static final String RUNTIME_DIR_PROPERTY = "lambda.runtime.dir";
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final long startNanos;
    private final List<String> command;
    private final List<Line> lines = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final Path ownTaskRoot;
    private long peakRssKb = -1;

    /** One line of output, with the {@link System#nanoTime()} at which it was read. */
    public record Line(boolean stderr, String text, long nanos) {
    }

    private LambdaProcess(ProcessBuilder builder, Path ownTaskRoot) throws IOException {
        this.command = List.copyOf(builder.command());
        this.ownTaskRoot = ownTaskRoot;
        this.startNanos = System.nanoTime();
        this.process = builder.start();
        readers.add(read(process.getInputStream(), false));
        readers.add(read(process.getErrorStream(), true));
    }

    public static Builder builder(String handler) {
        return new Builder(handler);
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startNanos() {
        return startNanos;
    }

    public long pid() {
        return process.pid();
    }

    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A snapshot of every line written so far, stdout and stderr, in the order read. */
    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The output so far as text, one line each, for assertion messages. */
    public String output() {
        return lines().stream().map(Line::text).collect(Collectors.joining("\n"));
    }

    /** Waits at most {@code timeout} for a line matching {@code test}. */
    public Optional<Line> awaitLine(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                Optional<Line> found = lines.stream().filter(line -> test.test(line.text())).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** Waits at most {@code timeout} for the process to exit on its own. */
    public OptionalLong awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalLong.of(process.exitValue()) : OptionalLong.empty();
    }

    /**
     * The peak resident set size so far (VmHWM), in KiB, or the last value read before
     * {@link #close()} stopped the process. Empty if the process ended before it could be read.
     */
    public synchronized OptionalLong peakRssKb() {
        long now = readPeakRssKb();
        if (now > 0) {
            peakRssKb = now;
        }
        return peakRssKb > 0 ? OptionalLong.of(peakRssKb) : OptionalLong.empty();
    }

    /**
     * Asks the process to end (SIGTERM) and waits up to {@code grace} for it to exit on its own, as a JVM that
     * writes something at exit needs; then {@link #close()}.
     *
     * @return its exit status, or empty if it had to be killed
     */
    public OptionalLong stop(Duration grace) throws InterruptedException {
        peakRssKb();
        process.destroy();
        OptionalLong exit = awaitExit(grace);
        close();
        return exit;
    }

    /** Reads the peak RSS, then stops the process (SIGTERM, then SIGKILL) and waits for its output. */
    @Override
    public void close() {
        peakRssKb();
        process.destroy();
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (Thread reader : readers) {
                reader.join(EXIT_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (ownTaskRoot != null) {
            deleteTree(ownTaskRoot);
        }
    }

    private long readPeakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            // The process has exited; keep the last value read.
        }
        return -1;
    }

    private Thread read(InputStream stream, boolean stderr) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String text; (text = reader.readLine()) != null; ) {
                    Line line = new Line(stderr, text, System.nanoTime());
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException closed) {
                // The process was killed mid-line.
            }
        }, "lambda-" + (stderr ? "stderr" : "stdout"));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Unzips a deployment jar into {@code taskRoot}, as Lambda unpacks it into /var/task. */
    public static Path unzip(Path jar, Path taskRoot) throws IOException {
        try (JarFile zip = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(zip.entries())) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (!target.startsWith(taskRoot)) {
                    throw new IOException("Entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return taskRoot;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    /** Sets up one launch. Only the handler and the runtime API address are required. */
    public static final class Builder {
        private final String handler;
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private Path runtimeDir;
        private String runtimeApi;
        private final List<Path> classpath = new ArrayList<>();
        private Path taskRoot;
        private int memoryMb = 512;
        private String functionName = "hmac-test";
        private String region = "us-east-1";
        private String javaToolOptions;
        private final List<String> jvmOptions = new ArrayList<>();
        private Integer cpu;
        private final List<String> launcher = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private Path entrypoint;
        private Path entrypointJar;

        private Builder(String handler) {
            this.handler = handler;
            String dir = System.getProperty(RUNTIME_DIR_PROPERTY);
            this.runtimeDir = dir == null ? null : Path.of(dir).toAbsolutePath();
        }

        /** The handler string, e.g. {@code pkg.Class::handleRequest} or {@code pkg.Class}. */
        public String handler() {
            return handler;
        }

        /** The JDK to run; defaults to the one running this code. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /** The directory of the RIC jar and its dependencies; defaults to {@value #RUNTIME_DIR_PROPERTY}. */
        public Builder runtimeDir(Path runtimeDir) {
            this.runtimeDir = runtimeDir.toAbsolutePath();
            return this;
        }

        public Builder runtimeApi(RuntimeApiServer server) {
            return runtimeApi(server.address());
        }

        /** {@code host:port} for {@code AWS_LAMBDA_RUNTIME_API}. */
        public Builder runtimeApi(String hostAndPort) {
            this.runtimeApi = hostAndPort;
            return this;
        }

        /** Puts the function's jar on the JVM's classpath, after the runtime's jars. */
        public Builder handlerJar(Path jar) {
            // Absolute: the process runs in the task root.
            classpath.add(jar.toAbsolutePath());
            return this;
        }

        /** The unzipped deployment package: the working directory, where the RIC looks for the function. */
        public Builder taskRoot(Path taskRoot) {
            this.taskRoot = taskRoot.toAbsolutePath();
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder functionName(String functionName) {
            this.functionName = functionName;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Extra JVM options the way a function sets them on Lambda: the JAVA_TOOL_OPTIONS variable. */
        public Builder javaToolOptions(String options) {
            this.javaToolOptions = options;
            return this;
        }

        /** Extra options on the command line itself, before the main class (e.g. {@code -Xlog:class+load}). */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Runs the JVM on this CPU only ({@code taskset -c}), like a small Lambda's single vCPU. */
        public Builder pinToCpu(int cpu) {
            this.cpu = cpu;
            return this;
        }

        /**
         * Starts the JVM through this command, which must end by exec-ing its arguments: e.g. a shell that first
         * moves itself into a CPU-limited cgroup, to give the function the CPU share of its memory size.
         */
        public Builder launcher(String... command) {
            launcher.addAll(List.of(command));
            return this;
        }

        /**
         * Starts {@code script JAR HANDLER}, as a Lambda container image whose {@code ENTRYPOINT} is that script with
         * the jar, and whose {@code CMD} is the handler: the script starts the JVM with its own flags.
         */
        public Builder entrypoint(Path script, Path jar) {
            this.entrypoint = script.toAbsolutePath();
            this.entrypointJar = jar.toAbsolutePath();
            return this;
        }

        /** A function environment variable; may override the defaults set by {@link #start()}. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public LambdaProcess start() throws IOException {
            if (runtimeApi == null) {
                throw new IllegalStateException("runtimeApi is not set");
            }
            if (runtimeDir == null) {
                throw new IllegalStateException("runtimeDir is not set, nor the " + RUNTIME_DIR_PROPERTY + " property");
            }
            Path ownTaskRoot = taskRoot == null ? Files.createTempDirectory("lambda-task") : null;
            Path root = taskRoot != null ? taskRoot : ownTaskRoot;

            ProcessBuilder builder = new ProcessBuilder(command());
            builder.directory(root.toFile());
            Map<String, String> environment = builder.environment();
            // Lambda starts the runtime with its own environment, nothing inherited.
            environment.clear();
            environment.putAll(lambdaEnvironment(root));
            environment.putAll(env);
            return new LambdaProcess(builder, ownTaskRoot);
        }

        private List<String> command() throws IOException {
            List<String> command = new ArrayList<>(launcher);
            if (cpu != null) {
                command.addAll(List.of("taskset", "-c", cpu.toString()));
            }
            if (entrypoint != null) {
                command.addAll(List.of(entrypoint.toString(), entrypointJar.toString(), handler));
                return command;
            }
            List<Path> runtimeJars = runtimeJars();
            command.add(javaHome.resolve("bin/java").toString());
            command.add("-XX:MaxHeapSize=" + memoryMb * 1024L * 85 / 100 + "k");
            command.add(maxRam());
            command.add("-XX:+UseSerialGC");
            command.add("-Xshare:auto");
            command.add("-XX:+TieredCompilation");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
            command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
            command.add("-XX:+ErrorFileToStderr");
            command.add("-D" + JNI_PROPERTY + "=" + nativeLibrary());
            command.addAll(jvmOptions);
            List<Path> entries = new ArrayList<>(runtimeJars);
            entries.addAll(classpath);
            command.add("-classpath");
            command.add(entries.stream().map(Path::toString).collect(Collectors.joining(":")));
            command.add(RIC_MAIN);
            command.add(handler);
            return command;
        }

        /**
         * Not Lambda's flag but its sandbox: there the JVM sees the function's memory as physical memory (so a small
         * initial heap, 1/64 of it); this gives it the same view.
         */
        private String maxRam() {
            return "-XX:MaxRAM=" + memoryMb + "m";
        }

        /** For an entry point script: the function's options, then what this builder adds on the command line. */
        private String entrypointJavaToolOptions() {
            List<String> options = new ArrayList<>();
            if (javaToolOptions != null && !javaToolOptions.isBlank()) {
                options.add(javaToolOptions);
            }
            options.add(maxRam());
            options.addAll(jvmOptions);
            return String.join(" ", options);
        }

        /** The RIC's JNI library in the runtime directory, as Lambda passes it: by path. */
        private Path nativeLibrary() {
            Path library = runtimeDir.resolve("lib/jni/libaws-lambda-jni." + platform() + ".so");
            if (!Files.isRegularFile(library)) {
                throw new IllegalStateException("No " + library + ": the build unpacks it from the RIC's jar");
            }
            return library;
        }

        private List<Path> runtimeJars() throws IOException {
            try (Stream<Path> files = Files.list(runtimeDir.resolve("lib"))) {
                List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
                if (jars.isEmpty()) {
                    throw new IllegalStateException("No jars in " + runtimeDir);
                }
                return jars;
            }
        }

        /** The variables Lambda defines for a java function (docs: "Defined runtime environment variables"). */
        private Map<String, String> lambdaEnvironment(Path root) {
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            vars.put("LANG", "en_US.UTF-8");
            vars.put("TZ", ":UTC");
            vars.put("_HANDLER", handler);
            vars.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
            vars.put("AWS_REGION", region);
            vars.put("AWS_DEFAULT_REGION", region);
            vars.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
            vars.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
            vars.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            vars.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
            vars.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
            vars.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]00000000000000000000000000000000");
            vars.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
            vars.put("LAMBDA_TASK_ROOT", root.toString());
            vars.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
            if (entrypoint != null) {
                vars.put("JAVA_HOME", javaHome.toString());
                vars.put("JAVA_TOOL_OPTIONS", entrypointJavaToolOptions());
            } else if (javaToolOptions != null) {
                vars.put("JAVA_TOOL_OPTIONS", javaToolOptions);
            }
            return vars;
        }
    }

    /** The RIC's names: {@code linux-x86_64}, {@code linux-aarch_64}, or {@code linux_musl-…}. */
    private static String platform() {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("No RIC library for " + System.getProperty("os.arch"));
        };
        boolean musl;
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            musl = lib.anyMatch(f -> f.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            musl = false;
        }
        return (musl ? "linux_musl-" : "linux-") + arch;
    }
}
