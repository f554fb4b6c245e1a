package dev.hmac.aws;

import dev.hmac.core.EnvironmentVariables;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import dev.hmac.outbound.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's secrets, as variables: a variable set in the environment wins (local runs, tests); otherwise the
 * JSON secret whose ARN is in the ARN variable ({@code SLACK_SECRET_ARN} for the bot:
 * {@code {"SLACK_SIGNING_SECRET": ..., "SLACK_BOT_TOKEN": ...}}) is read once, at init, with no AWS SDK in the jar
 * (its cold start does not pay for one):
 * <ol>
 *   <li>through the AWS Parameters and Secrets Lambda Extension (a layer): plain HTTP on localhost;</li>
 *   <li>if the extension does not answer within {@link #EXTENSION_PATIENCE} (it starts alongside the runtime, and
 *   AWS documents it for the invoke phase, not init), from Secrets Manager directly: one GetSecretValue call signed
 *   with the function's own credentials ({@link SecretsManagerClient}). Same permission, same answer.</li>
 * </ol>
 * A package that cannot have the extension (a container image takes no layers) says so with
 * {@code HMAC_SECRETS_EXTENSION=off}, and goes to Secrets Manager at once instead of waiting for nothing.
 * No value of the secret is ever logged or put in an exception message (the runtime reports an init failure's
 * message to the logs).
 */
public final class LambdaSecrets {
    static final String PORT_VARIABLE = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    /** {@code off} where the package has no Parameters and Secrets extension: infra/bot-image sets it. */
    public static final String EXTENSION_VARIABLE = "HMAC_SECRETS_EXTENSION";
    static final int DEFAULT_PORT = 2773;
    static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";
    static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    /** How long the extension may take to answer before Secrets Manager is asked directly (init may take 10 s). */
    static final Duration EXTENSION_PATIENCE = Duration.ofMillis(1000);

    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 200;
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final String arnVariable;
    private final List<String> keys;
    private final Duration patience;
    private final Clock clock;
    private final LambdaLog log;

    LambdaSecrets(String arnVariable, List<String> keys, Duration patience, Clock clock, LambdaLog log) {
        this.arnVariable = arnVariable;
        this.keys = List.copyOf(keys);
        this.patience = patience;
        this.clock = clock;
        this.log = log;
    }

    /**
     * The environment, with each of {@code keys} taken from the secret where it is not set. Unchanged when all are
     * set, or when {@code arnVariable} is not.
     *
     * @throws IllegalStateException when the secret cannot be read; the message never holds a value
     */
    public static Map<String, String> environment(Map<String, String> env, String arnVariable, List<String> keys) {
        return new LambdaSecrets(arnVariable, keys, EXTENSION_PATIENCE, Clock.systemUTC(), LambdaLog.STANDARD_OUTPUT)
                .resolve(env);
    }

    Map<String, String> resolve(Map<String, String> env) {
        EnvironmentVariables variables = new EnvironmentVariables(env);
        List<String> missing = keys.stream().filter(key -> !variables.isSet(key)).toList();
        if (missing.isEmpty() || !variables.isSet(arnVariable)) {
            return env;
        }
        Map<String, String> secret = secretString(read(variables.get(arnVariable).get(), variables));
        Map<String, String> merged = new HashMap<>(env);
        for (String key : missing) {
            String value = secret.get(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("The secret in " + arnVariable + " has no " + key
                        + ": store it as a JSON object with the keys " + String.join(" and ", keys) + ".");
            }
            merged.put(key, value);
        }
        log.info(String.join(" and ", missing) + " read from the secret in " + arnVariable);
        return Collections.unmodifiableMap(merged);
    }

    /** The GetSecretValue answer, from the extension or else from Secrets Manager itself. */
    private String read(String secretArn, EnvironmentVariables env) {
        String sessionToken = env.get(SESSION_TOKEN).orElseThrow(() -> new IllegalStateException(SESSION_TOKEN
                + " is not set: reading " + arnVariable + " needs the function's credentials (outside Lambda, set "
                + String.join(" and ", keys) + ")."));
        String unavailable;
        String extensionSetting = env.get(EXTENSION_VARIABLE).orElse("on");
        if (extensionSetting.equals("off")) {
            unavailable = "not in this package";
        } else if (extensionSetting.equals("on")) {
            int port;
            try {
                port = env.port(PORT_VARIABLE).orElse(DEFAULT_PORT);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage());
            }
            Attempt extension = fromExtension(secretArn, port, sessionToken);
            if (extension.answer() != null) {
                return extension.answer();
            }
            unavailable = extension.problem();
            log.info("The Parameters and Secrets extension on port " + port + " did not answer within "
                    + patience.toMillis() + " ms (" + unavailable + "): reading the secret in " + arnVariable
                    + " from Secrets Manager directly");
        } else {
            throw new IllegalStateException(EXTENSION_VARIABLE + " must be on or off.");
        }
        HttpCall.Reply reply;
        try {
            reply = new SecretsManagerClient(env, arnVariable).getSecretValue(secretArn, clock.instant());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the secret in " + arnVariable + ": neither the Parameters"
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
        URI uri = uri(port, secretArn);
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            String problem;
            try {
                long left = Math.max(100, (deadline - System.nanoTime()) / 1_000_000);
                HttpCall.Reply reply = HttpCall.to(uri).direct().closeAfter()
                        .deadline(Duration.ofMillis(left))
                        .maxReplyBytes(MAX_ANSWER_BYTES)
                        .header(TOKEN_HEADER, sessionToken)
                        .get();
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

    private IllegalStateException refused(String by, int status, String body) {
        return new IllegalStateException("Could not read the secret in " + arnVariable + ": " + by + " answered "
                + status + " (" + excerpt(body) + "). Check the ARN, and that the function's role may call"
                + " secretsmanager:GetSecretValue on it.");
    }

    /** The {@code SecretString} of a GetSecretValue answer, as a map of its string values. */
    private Map<String, String> secretString(String answer) {
        Object secretString;
        try {
            Object parsed = Json.parse(answer);
            secretString = parsed instanceof Map ? ((Map<?, ?>) parsed).get("SecretString") : null;
        } catch (JsonException e) {
            throw new IllegalStateException("The answer for the secret in " + arnVariable + " is not JSON.");
        }
        Object values;
        try {
            values = secretString instanceof String ? Json.parse((String) secretString) : null;
        } catch (JsonException e) {
            values = null;
        }
        if (!(values instanceof Map)) {
            // Never quote it: it is the secret.
            StringBuilder shape = new StringBuilder("{");
            for (String key : keys) {
                shape.append(shape.length() == 1 ? "" : ", ").append('"').append(key).append("\": \"...\"");
            }
            throw new IllegalStateException("The secret in " + arnVariable + " is not a JSON object: store it as "
                    + shape.append('}') + ".");
        }
        Map<String, String> strings = new HashMap<>();
        ((Map<?, ?>) values).forEach((key, value) -> {
            if (key instanceof String && value instanceof String) {
                strings.put((String) key, (String) value);
            }
        });
        return strings;
    }

    private URI uri(int port, String secretArn) {
        try {
            return URI.create("http://localhost:" + port + "/secretsmanager/get?secretId="
                    + URLEncoder.encode(secretArn, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid " + arnVariable + " or " + PORT_VARIABLE + ".");
        }
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
}
