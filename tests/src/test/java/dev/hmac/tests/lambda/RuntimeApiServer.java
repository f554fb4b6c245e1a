package dev.hmac.tests.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AWS Lambda Runtime API (version 2018-06-01) on a loopback port, so that a runtime interface
 * client can be driven the way Lambda drives it: events are queued here, the runtime fetches them
 * with {@code next} and posts a response or an error.
 *
 * <p>Endpoints: {@code GET /2018-06-01/runtime/invocation/next}, {@code POST .../invocation/{id}/response},
 * {@code POST .../invocation/{id}/error} and {@code POST /2018-06-01/runtime/init/error}.
 */
public final class RuntimeApiServer implements AutoCloseable {

    public static final String REQUEST_ID_HEADER = "Lambda-Runtime-Aws-Request-Id";
    public static final String DEADLINE_HEADER = "Lambda-Runtime-Deadline-Ms";
    public static final String FUNCTION_ARN_HEADER = "Lambda-Runtime-Invoked-Function-Arn";
    public static final String TRACE_ID_HEADER = "Lambda-Runtime-Trace-Id";
    public static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    private static final String RUNTIME_PATH = "/2018-06-01/runtime/";
    private static final String ACCEPTED = "{\"status\":\"OK\"}";
    /** How often a waiting {@code next} checks whether the server is closing. */
    private static final long NEXT_POLL_MILLIS = 100;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final Duration functionTimeout;
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> served = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();
    private volatile boolean open = true;

    private RuntimeApiServer(HttpServer server, ExecutorService executor, String functionName, Duration functionTimeout) {
        this.server = server;
        this.executor = executor;
        this.functionArn = "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
        this.functionTimeout = functionTimeout;
    }

    /** Starts a server on 127.0.0.1 and a free port for a function of the given name and timeout. */
    public static RuntimeApiServer start(String functionName, Duration functionTimeout) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger threads = new AtomicInteger();
        // A blocked `next` holds its thread, so the pool must not be bounded to one.
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "runtime-api-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        RuntimeApiServer api = new RuntimeApiServer(server, executor, functionName, functionTimeout);
        server.createContext(RUNTIME_PATH, api::handle);
        server.start();
        return api;
    }

    public static RuntimeApiServer start() throws IOException {
        return start("hmac-test", Duration.ofSeconds(30));
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}: {@code 127.0.0.1:port}. */
    public String address() {
        InetSocketAddress bound = server.getAddress();
        return bound.getAddress().getHostAddress() + ":" + bound.getPort();
    }

    public String functionArn() {
        return functionArn;
    }

    /** Queues an event; the next {@code next} call from the runtime receives it. */
    public Invocation enqueue(String eventJson) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson);
        queued.add(invocation);
        return invocation;
    }

    /** Completes when the runtime reports an initialization error. */
    public CompletableFuture<Outcome> initError() {
        return initError;
    }

    @Override
    public void close() {
        open = false;
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrivedNanos = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(RUNTIME_PATH.length());
            String method = exchange.getRequestMethod();
            String[] parts = path.split("/");
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                String body = readBody(exchange);
                initError.complete(new Outcome(Outcome.Kind.INIT_ERROR, body, errorType(exchange), 0, arrivedNanos));
                send(exchange, 202, ACCEPTED);
            } else if (method.equals("POST") && parts.length == 3 && parts[0].equals("invocation")
                    && (parts[2].equals("response") || parts[2].equals("error"))) {
                complete(exchange, parts[1], parts[2].equals("error"), arrivedNanos);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Not found\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (open && invocation == null) {
                invocation = queued.poll(NEXT_POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            send(exchange, 500, "{\"errorMessage\":\"Runtime API closing\",\"errorType\":\"Closing\"}");
            return;
        }
        served.put(invocation.requestId, invocation);
        var headers = exchange.getResponseHeaders();
        headers.set(REQUEST_ID_HEADER, invocation.requestId);
        headers.set(DEADLINE_HEADER, Long.toString(System.currentTimeMillis() + functionTimeout.toMillis()));
        headers.set(FUNCTION_ARN_HEADER, functionArn);
        headers.set(TRACE_ID_HEADER, "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
        // Set before sending: the runtime may answer before this thread runs again.
        invocation.servedNanos = System.nanoTime();
        send(exchange, 200, invocation.event);
    }

    private void complete(HttpExchange exchange, String requestId, boolean error, long arrivedNanos) throws IOException {
        Invocation invocation = served.get(requestId);
        String body = readBody(exchange);
        if (invocation == null || invocation.outcome.isDone()) {
            send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        Outcome.Kind kind = error ? Outcome.Kind.ERROR : Outcome.Kind.RESPONSE;
        String errorType = error ? errorType(exchange) : null;
        send(exchange, 202, ACCEPTED);
        invocation.outcome.complete(new Outcome(kind, body, errorType, invocation.servedNanos, arrivedNanos));
    }

    private static String errorType(HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER);
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** One queued event and, once the runtime answers, its outcome. */
    public static final class Invocation {
        private final String requestId;
        private final String event;
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private volatile long servedNanos;

        private Invocation(String requestId, String event) {
            this.requestId = requestId;
            this.event = event;
        }

        public String requestId() {
            return requestId;
        }

        public CompletableFuture<Outcome> outcome() {
            return outcome;
        }

        /** Waits at most {@code timeout} for the runtime's response or error. */
        public Outcome await(Duration timeout) throws TimeoutException, InterruptedException {
            try {
                return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * What the runtime posted. Times are {@link System#nanoTime()}: when {@code next} handed the event
     * over (0 for an init error) and when the response or error arrived.
     */
    public record Outcome(Kind kind, String body, String errorType, long servedNanos, long arrivedNanos) {
        public enum Kind { RESPONSE, ERROR, INIT_ERROR }

        public boolean isError() {
            return kind != Kind.RESPONSE;
        }
    }
}
