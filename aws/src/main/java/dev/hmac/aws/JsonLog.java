package dev.hmac.aws;

import dev.hmac.core.FailureTrace;
import dev.hmac.core.json.Json;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one JSON log line format on AWS: every line of both Lambda functions, and the audit and metric lines of the
 * local server (on ECS, so that the same saved queries and metrics read all three log groups). One JSON object per
 * line on standard output, with {@code timestamp} (UTC, ISO 8601), {@code level}, {@code message}, and
 * {@code requestId} while a Lambda invocation runs. Lambda's JSON log format filters application logs on that
 * {@code level} key and takes a line without one for INFO; CloudWatch Logs Insights reads every key as a field.
 *
 * <p>Not HTML-escaped ({@code ->} stays as it is, for people reading the lines). Messages are ours: types, statuses and field names, never text that could quote input (see
 * {@link dev.hmac.core.FailureTrace}). Standard output, not the context's LambdaLogger: that one adds no line
 * break, so outside Lambda's framed log channel its messages run together.
 */
public final class JsonLog {
    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

    /** Standard output, looked up on every line (tests redirect it). */
    public static final JsonLog STANDARD_OUTPUT = new JsonLog(new StandardOutput(), Clock.systemUTC());

    private final Consumer<String> sink;
    private final Clock clock;
    private volatile String requestId;

    public JsonLog(Consumer<String> sink, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The invocation the next lines belong to (Lambda runs one at a time per process); null between invocations.
     * Never set on the server, which serves many requests at once: its audit lines carry their own.
     */
    public void requestId(String id) {
        this.requestId = id;
    }

    public void info(String message) {
        log(Level.INFO, null, message, Map.of());
    }

    public void warn(String message) {
        log(Level.WARN, null, message, Map.of());
    }

    public void error(String message) {
        log(Level.ERROR, null, message, Map.of());
    }

    /**
     * @param logger the name of the class that logs, or null
     * @param fields more keys of the line, after the standard ones (values: strings, numbers, booleans, and maps and
     *     lists of them)
     */
    public void log(Level level, String logger, String message, Map<String, ?> fields) {
        sink.accept(line(level, logger, message, fields));
    }

    /** Members written straight into a line, each after a comma: {@code ,"key":value}. */
    public interface Members {
        void write(StringBuilder sb);
    }

    /**
     * A line whose members after the standard ones write themselves: the audit line, one per request, skips the
     * maps of {@link #log(Level, String, String, Map)}.
     */
    public void log(Level level, String logger, String message, Members members) {
        long millis = clock.millis();
        String id = requestId;
        if (sink instanceof DeferringSink deferring) {
            deferring.acceptLater(new PendingLine(millis, id, level, logger, message, members));
            return;
        }
        sink.accept(line(millis, id, level, logger, message, members));
    }

    /**
     * A sink that can make a line itself, later, on a thread of its own (the server's, which writes its audit lines
     * in batches): the request's thread then only hands over what makes the line. {@link Members} are immutable.
     */
    public interface DeferringSink extends Consumer<String> {
        void acceptLater(Supplier<String> line);
    }

    private static String line(long millis, String id, Level level, String logger, String message, Members members) {
        StringBuilder sb = start(1024, millis, id, level, logger, message);
        members.write(sb);
        return sb.append('}').toString();
    }

    /** A line made when it is written. Should its making fail, the line says so instead, as its caller would. */
    private record PendingLine(long millis, String id, Level level, String logger, String message, Members members)
            implements Supplier<String> {
        @Override
        public String get() {
            try {
                return line(millis, id, level, logger, message, members);
            } catch (RuntimeException e) {
                return start(128, millis, id, Level.ERROR, logger, "line not written: " + FailureTrace.of(e))
                        .append('}').toString();
            }
        }
    }

    String line(Level level, String logger, String message, Map<String, ?> fields) {
        StringBuilder sb = start(fields.isEmpty() ? 128 + message.length() : 1024, clock.millis(), requestId, level,
                logger, message);
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            sb.append(',');
            Json.quote(sb, field.getKey(), false);
            sb.append(':');
            if (field.getValue() instanceof String) {
                Json.quote(sb, (String) field.getValue(), false);
            } else {
                Json.write(sb, field.getValue());
            }
        }
        return sb.append('}').toString();
    }

    /** The line up to its standard members' end: timestamp, level, message, requestId, logger. */
    private static StringBuilder start(int capacity, long millis, String id, Level level, String logger,
                                       String message) {
        StringBuilder sb = new StringBuilder(capacity);
        sb.append("{\"timestamp\":\"");
        UtcTime.extended(sb, millis);
        sb.append("\",\"level\":\"").append(level.name()).append("\",\"message\":");
        Json.quote(sb, message, false);
        if (id != null) {
            sb.append(",\"requestId\":");
            Json.quote(sb, id, false);
        }
        if (logger != null) {
            sb.append(",\"logger\":");
            Json.quote(sb, logger, false);
        }
        return sb;
    }

    /** Standard output, looked up on every line. A class, not a lambda: a cold start pays for each lambda's set-up. */
    private static final class StandardOutput implements Consumer<String> {
        @Override
        public void accept(String line) {
            System.out.println(line);
        }
    }
}
