package dev.hmac.aws;

import dev.hmac.core.json.Json;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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

    String line(Level level, String logger, String message, Map<String, ?> fields) {
        StringBuilder sb = new StringBuilder(fields.isEmpty() ? 128 + message.length() : 1024);
        sb.append("{\"timestamp\":\"");
        UtcTime.extended(sb, clock.millis());
        sb.append("\",\"level\":\"").append(level.name()).append("\",\"message\":");
        Json.quote(sb, message, false);
        String id = requestId;
        if (id != null) {
            sb.append(",\"requestId\":");
            Json.quote(sb, id, false);
        }
        if (logger != null) {
            sb.append(",\"logger\":");
            Json.quote(sb, logger, false);
        }
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

    /** Standard output, looked up on every line. A class, not a lambda: a cold start pays for each lambda's set-up. */
    private static final class StandardOutput implements Consumer<String> {
        @Override
        public void accept(String line) {
            System.out.println(line);
        }
    }
}
