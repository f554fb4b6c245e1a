package dev.hmac.bot;

import dev.hmac.core.EnvironmentVariables;
import java.util.Map;
import java.util.Optional;

/**
 * The Slack app's settings, read from environment variables in this one place.
 *
 * @param signingSecret verifies that requests come from Slack (HTTP mode)
 * @param botToken the bot token (xoxb-...) for views.open
 * @param apiUrl the Web API base, https://slack.com/api/ unless a GovSlack-style host or a test fake is used
 * @param appToken the app-level token (xapp-...) for Socket Mode, when a local run should not need a public URL
 */
public record BotConfig(String signingSecret, String botToken, String apiUrl, Optional<String> appToken) {
    public static final String SLACK_SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String SLACK_API_URL = "SLACK_API_URL";
    public static final String SLACK_APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    public BotConfig {
        apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    /**
     * The Slack settings of a local run, or empty when none is set (the server then runs without Slack).
     *
     * @throws IllegalArgumentException naming what is missing when the settings are half done
     */
    public static Optional<BotConfig> fromEnvironment(Map<String, String> variables) {
        EnvironmentVariables env = new EnvironmentVariables(variables);
        Optional<String> secret = env.get(SLACK_SIGNING_SECRET);
        Optional<String> token = env.get(SLACK_BOT_TOKEN);
        Optional<String> appToken = env.get(SLACK_APP_TOKEN);
        if (secret.isEmpty() && token.isEmpty() && appToken.isEmpty()) {
            return Optional.empty();
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException(SLACK_BOT_TOKEN + " is not set: the bot needs it to open the form.");
        }
        if (secret.isEmpty() && appToken.isEmpty()) {
            throw new IllegalArgumentException(SLACK_SIGNING_SECRET + " is not set: the bot needs it to verify "
                    + "requests (or set " + SLACK_APP_TOKEN + " to use Socket Mode).");
        }
        String apiUrl = env.get(SLACK_API_URL).orElse(DEFAULT_API_URL);
        return Optional.of(new BotConfig(secret.orElse(""), token.get(), apiUrl, appToken));
    }

    /** Settings for the Lambda function, where both secrets are required. */
    public static BotConfig requiredFromEnvironment(Map<String, String> env) {
        Optional<BotConfig> config = fromEnvironment(env);
        if (config.isEmpty() || config.get().signingSecret().isEmpty()) {
            throw new IllegalArgumentException(SLACK_SIGNING_SECRET + " and " + SLACK_BOT_TOKEN + " must be set.");
        }
        return config.get();
    }

    @Override
    public String toString() {
        return "BotConfig[apiUrl=" + apiUrl + ", socketMode=" + appToken.isPresent() + "]";
    }
}
