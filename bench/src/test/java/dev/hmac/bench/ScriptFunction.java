package dev.hmac.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js or Python function process, started the way Lambda's nodejs and python runtimes start one: the
 * interpreter (for Node with the runtime's flags for the memory size), the Lambda environment and nothing
 * inherited, the task root as working directory. {@code bench/boltjs/runtime.js} and {@code bench/python/runtime.py}
 * stand in for Lambda's runtime loops.
 */
final class ScriptFunction implements AutoCloseable {
    private final Process process;
    private final long startNanos;
    private final StringBuffer output = new StringBuffer();
    private final List<Thread> readers = new ArrayList<>();
    private long peakRssKb = -1;

    private ScriptFunction(ProcessBuilder builder) throws IOException {
        this.startNanos = System.nanoTime();
        this.process = builder.start();
        readers.add(read(process.getInputStream()));
        readers.add(read(process.getErrorStream()));
    }

    /**
     * @param taskRoot the function's directory (app.js, runtime.js, node_modules)
     * @param handler Lambda's handler setting, {@code file.export}
     */
    static ScriptFunction node(String node, Path taskRoot, String handler, String runtimeApi, int memoryMb, Integer cpu,
                               Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(node);
        // Lambda's bootstrap for node: a tenth of the memory for the young generation, the rest for the old one.
        int newSpace = memoryMb / 10;
        command.addAll(List.of("--expose-gc", "--max-http-header-size", "81920",
                "--max-semi-space-size=" + newSpace / 2, "--max-old-space-size=" + (memoryMb - newSpace)));
        command.add(taskRoot.resolve("runtime.js").toString());
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("NODE_ENV", "production");
        vars.put("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs20.x");
        vars.put("AWS_LAMBDA_FUNCTION_NAME", "hmac-bot-js");
        vars.putAll(env);
        return start(command, taskRoot, handler, runtimeApi, memoryMb, cpu, vars);
    }

    /**
     * @param taskRoot the function's directory (lambda_function.py, runtime.py)
     * @param handler Lambda's handler setting, {@code module.function}
     */
    static ScriptFunction python(String python, Path taskRoot, String handler, String runtimeApi, int memoryMb,
                                 Integer cpu) throws IOException {
        List<String> command = List.of(python, taskRoot.resolve("runtime.py").toString());
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("AWS_EXECUTION_ENV", "AWS_Lambda_python3.12");
        vars.put("AWS_LAMBDA_FUNCTION_NAME", "hmac-api-python");
        // A deployment package has no bytecode cache, and the task root is read-only.
        vars.put("PYTHONDONTWRITEBYTECODE", "1");
        return start(command, taskRoot, handler, runtimeApi, memoryMb, cpu, vars);
    }

    private static ScriptFunction start(List<String> interpreter, Path taskRoot, String handler, String runtimeApi,
                                        int memoryMb, Integer cpu, Map<String, String> own) throws IOException {
        List<String> command = new ArrayList<>();
        if (cpu != null) {
            command.addAll(List.of("taskset", "-c", cpu.toString()));
        }
        command.addAll(interpreter);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        vars.put("LANG", "en_US.UTF-8");
        vars.put("TZ", ":UTC");
        vars.put("_HANDLER", handler);
        vars.put("AWS_REGION", "us-east-1");
        vars.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        vars.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        vars.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        vars.putAll(own);
        builder.environment().clear();
        builder.environment().putAll(vars);
        return new ScriptFunction(builder);
    }

    long pid() {
        return process.pid();
    }

    long startNanos() {
        return startNanos;
    }

    /** Peak resident set size (VmHWM) in KiB, read now or, once the process is gone, the last value read. */
    synchronized OptionalLong peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peakRssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            // Exited: keep the last value.
        }
        return peakRssKb > 0 ? OptionalLong.of(peakRssKb) : OptionalLong.empty();
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() {
        peakRssKb();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (Thread reader : readers) {
                reader.join(5_000);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Thread read(InputStream stream) {
        Thread thread = new Thread(() -> {
            try (stream) {
                byte[] buffer = new byte[8192];
                for (int n; (n = stream.read(buffer)) > 0; ) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                // Killed.
            }
        }, "function-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
