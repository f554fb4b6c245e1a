package dev.hmac.bot.lambda;

import dev.hmac.aws.JsonLog;
import dev.hmac.core.FailureTrace;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J for the bot's Lambda function: what Bolt, the Slack SDK and the bot log comes out as {@link JsonLog}
 * lines, the REST function's format, so both functions' logs read and filter alike. INFO and up; Bolt's request
 * parser only at ERROR, since it logs whole payloads it does not recognise (a payload can hold what people typed).
 * An exception is logged as its {@link FailureTrace}, never with its message.
 */
public final class LambdaLogProvider implements SLF4JServiceProvider {
    private static final String QUIET_LOGGER = "com.slack.api.bolt.util.SlackRequestParser";

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, LineLogger::new);

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: every line goes to JsonLog.STANDARD_OUTPUT
    }

    private static final class LineLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient String shortName;
        private final transient boolean quiet;

        LineLogger(String name) {
            this.name = name;
            this.shortName = name.substring(name.lastIndexOf('.') + 1);
            this.quiet = name.equals(QUIET_LOGGER);
        }

        // INFO and up; the quiet logger ERROR only.
        @Override public boolean isTraceEnabled() { return false; }
        @Override public boolean isDebugEnabled() { return false; }
        @Override public boolean isInfoEnabled() { return !quiet; }
        @Override public boolean isWarnEnabled() { return !quiet; }
        @Override public boolean isErrorEnabled() { return true; }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            if (throwable != null) {
                message = message + ": " + FailureTrace.of(throwable);
            }
            JsonLog.STANDARD_OUTPUT.log(JsonLog.Level.valueOf(level.name()), shortName, message, Map.of());
        }
    }
}
