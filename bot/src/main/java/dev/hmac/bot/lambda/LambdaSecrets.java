package dev.hmac.bot.lambda;

import dev.hmac.bot.BotConfig;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot function's Slack secrets. A variable set in the environment wins (local runs, tests); otherwise the
 * JSON secret whose ARN is in {@code SLACK_SECRET_ARN}, {@code {"SLACK_SIGNING_SECRET": ..., "SLACK_BOT_TOKEN": ...}},
 * is read once, at init, with no AWS SDK in the jar (its cold start does not pay for one):
 * <ol>
 *   <li>through the AWS Parameters and Secrets Lambda Extension (a layer): plain HTTP on localhost;</li>
 *   <li>if the extension does not answer within {@link #EXTENSION_PATIENCE} (it starts alongside the runtime, and
 *   AWS documents it for the invoke phase, not init), from Secrets Manager directly: one GetSecretValue call signed
 *   with the function's own credentials ({@link SecretsManagerApi}). Same permission, same answer.</li>
 * </ol>
 * No value of the secret is ever logged or put in an exception message (the runtime reports an init failure's
 * message to the logs).
 */
public final class LambdaSecrets {
    public static final String SLACK_SECRET_ARN = "SLACK_SECRET_ARN";
    static final String PORT_VARIABLE = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    static final int DEFAULT_PORT = 2773;
    static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";
    static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    /** How long the extension may take to answer before Secrets Manager is asked directly (init may take 10 s). */
    static final Duration EXTENSION_PATIENCE = Duration.ofMillis(1000);

    private static final Logger LOG = LoggerFactory.getLogger(LambdaSecrets.class);
    private static final List<String> KEYS = List.of(BotConfig.SLACK_SIGNING_SECRET, BotConfig.SLACK_BOT_TOKEN);
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 200;

    private final Duration patience;
    private final Clock clock;

    LambdaSecrets(Duration patience, Clock clock) {
        this.patience = patience;
        this.clock = clock;
    }

    /**
     * The environment, with {@code SLACK_SIGNING_SECRET} and {@code SLACK_BOT_TOKEN} taken from the secret where
     * they are not set. Unchanged when both are set, or when {@code SLACK_SECRET_ARN} is not.
     *
     * @throws IllegalStateException when the secret cannot be read; the message never holds a value
     */
    public static Map<String, String> environment(Map<String, String> env) {
        return new LambdaSecrets(EXTENSION_PATIENCE, Clock.systemUTC()).resolve(env);
    }

    Map<String, String> resolve(Map<String, String> env) {
        List<String> missing = KEYS.stream().filter(key -> isBlank(env.get(key))).toList();
        String secretArn = env.get(SLACK_SECRET_ARN);
        if (missing.isEmpty() || isBlank(secretArn)) {
            return env;
        }
        Map<String, String> secret = secretString(read(secretArn.trim(), env));
        Map<String, String> merged = new HashMap<>(env);
        for (String key : missing) {
            String value = secret.get(key);
            if (isBlank(value)) {
                throw new IllegalStateException("The secret in " + SLACK_SECRET_ARN + " has no " + key
                        + ": store it as a JSON object with the keys " + String.join(" and ", KEYS) + ".");
            }
            merged.put(key, value);
        }
        LOG.info("{} read from the secret in {}", String.join(" and ", missing), SLACK_SECRET_ARN);
        return Collections.unmodifiableMap(merged);
    }

    /** The GetSecretValue answer, from the extension or else from Secrets Manager itself. */
    private String read(String secretArn, Map<String, String> env) {
        String sessionToken = env.get(SESSION_TOKEN);
        if (isBlank(sessionToken)) {
            throw new IllegalStateException(SESSION_TOKEN + " is not set: reading " + SLACK_SECRET_ARN + " needs the"
                    + " function's credentials (outside Lambda, set " + String.join(" and ", KEYS) + ").");
        }
        int port = port(env);
        Attempt extension = fromExtension(secretArn, port, sessionToken);
        if (extension.answer() != null) {
            return extension.answer();
        }
        String unavailable = extension.problem();
        LOG.info("The Parameters and Secrets extension on port {} did not answer within {} ms ({}): reading the secret"
                + " in {} from Secrets Manager directly", port, patience.toMillis(), unavailable, SLACK_SECRET_ARN);
        SecretsManagerApi.Reply reply;
        try {
            reply = SecretsManagerApi.getSecretValue(secretArn, env, clock.instant());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the secret in " + SLACK_SECRET_ARN + ": neither the Parameters"
                    + " and Secrets extension (" + unavailable + ") nor Secrets Manager (" + e.getClass().getSimpleName()
                    + ") answered.");
        }
        if (reply.status() != 200) {
            throw refused("Secrets Manager", reply.status(), reply.body());
        }
        return reply.body();
    }

    /** The extension's GetSecretValue answer, or why there is none; exactly one of the two is set. */
    private record Attempt(String answer, String problem) {
    }

    /**
     * Asks the extension until it answers or its patience runs out. Any other answer counts as "not yet": what it
     * says at init is not documented, and Secrets Manager, asked next, gives the authoritative refusal if there is one.
     */
    private Attempt fromExtension(String secretArn, int port, String sessionToken) {
        URL url = url(port, secretArn);
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            String problem;
            try {
                Reply reply = get(url, sessionToken, deadline);
                if (reply.status() == 200) {
                    return new Attempt(reply.body(), null);
                }
                problem = "it answered " + reply.status() + ", " + excerpt(reply.body());
            } catch (IOException e) {
                problem = "it did not answer: " + e.getClass().getSimpleName();
            }
            if (System.nanoTime() + pause * 1_000_000 > deadline) {
                return new Attempt(null, problem);
            }
            sleep(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    private static IllegalStateException refused(String by, int status, String body) {
        return new IllegalStateException("Could not read the secret in " + SLACK_SECRET_ARN + ": " + by + " answered "
                + status + " (" + excerpt(body) + "). Check the ARN, and that the function's role may call"
                + " secretsmanager:GetSecretValue on it.");
    }

    private static Reply get(URL url, String sessionToken, long deadline) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
        int left = (int) Math.max(100, (deadline - System.nanoTime()) / 1_000_000);
        connection.setConnectTimeout(Math.min(left, 1000));
        connection.setReadTimeout(left);
        connection.setUseCaches(false);
        connection.setRequestProperty(TOKEN_HEADER, sessionToken);
        try {
            int status = connection.getResponseCode();
            InputStream stream = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            byte[] body = stream == null ? new byte[0] : stream.readAllBytes();
            return new Reply(status, new String(body, StandardCharsets.UTF_8));
        } finally {
            connection.disconnect();
        }
    }

    /** The {@code SecretString} of a GetSecretValue answer, as a map of its string values. */
    private static Map<String, String> secretString(String answer) {
        Object secretString;
        try {
            Object parsed = Json.parse(answer);
            secretString = parsed instanceof Map ? ((Map<?, ?>) parsed).get("SecretString") : null;
        } catch (JsonException e) {
            throw new IllegalStateException("The answer for the secret in " + SLACK_SECRET_ARN + " is not JSON.");
        }
        Object values;
        try {
            values = secretString instanceof String ? Json.parse((String) secretString) : null;
        } catch (JsonException e) {
            values = null;
        }
        if (!(values instanceof Map)) {
            // Never quote it: it is the secret.
            throw new IllegalStateException("The secret in " + SLACK_SECRET_ARN + " is not a JSON object: store it as"
                    + " {\"" + KEYS.get(0) + "\": \"...\", \"" + KEYS.get(1) + "\": \"...\"}.");
        }
        Map<String, String> strings = new HashMap<>();
        ((Map<?, ?>) values).forEach((key, value) -> {
            if (key instanceof String && value instanceof String) {
                strings.put((String) key, (String) value);
            }
        });
        return strings;
    }

    private static URL url(int port, String secretArn) {
        try {
            return URI.create("http://localhost:" + port + "/secretsmanager/get?secretId="
                    + URLEncoder.encode(secretArn, StandardCharsets.UTF_8)).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Invalid " + SLACK_SECRET_ARN + " or " + PORT_VARIABLE + ".");
        }
    }

    private static int port(Map<String, String> env) {
        String value = env.get(PORT_VARIABLE);
        if (isBlank(value)) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalStateException(PORT_VARIABLE + " must be a port number.");
    }

    /** An error answer, on one short printable line: it names the problem (never a value: there is none). */
    private static String excerpt(String body) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length() && sb.length() < 200; i++) {
            char c = body.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return sb.toString().trim();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Parameters and Secrets extension.");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private record Reply(int status, String body) {
    }
}
