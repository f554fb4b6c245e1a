package dev.hmac.server;

import dev.hmac.bot.BotConfig;
import dev.hmac.core.EnvironmentVariables;
import dev.hmac.server.sso.SsoConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local server's settings, read from environment variables in this one place. Every setting is optional:
 * with none, the server signs in-process on 127.0.0.1:8080.
 *
 * @param apiKey when set, {@code POST /signature} and {@code POST /verify} require {@code x-api-key}; it is also sent to
 *     {@code apiUrl}
 * @param apiUrl when set, the web form signs through this deployed endpoint instead of in-process
 * @param slack when set, the Slack app runs too: on {@code POST /slack/events}, or over Socket Mode
 * @param sso when set ({@code HMAC_ALB_ARN}), every request but {@code /healthz} must carry the load balancer's
 *     sign-in, and the client's address is the one the load balancer saw
 */
public record ServerConfig(String host, int port, Optional<String> apiKey, Optional<URI> apiUrl,
                           Optional<BotConfig> slack, Optional<SsoConfig> sso) {
    public static final String HOST = "HOST";
    public static final String PORT = "PORT";
    public static final String HMAC_API_KEY = "HMAC_API_KEY";
    public static final String HMAC_API_URL = "HMAC_API_URL";

    /** Defaults: loopback only, port 8080, no API key, sign in-process. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @throws IllegalArgumentException with a message naming the variable (never its value when secret) */
    public static ServerConfig fromEnvironment(Map<String, String> variables) {
        EnvironmentVariables env = new EnvironmentVariables(variables);
        String host = env.get(HOST).orElse("127.0.0.1");
        int port = env.port(PORT).orElse(8080);
        Optional<String> apiKey = env.get(HMAC_API_KEY);
        Optional<URI> apiUrl = env.get(HMAC_API_URL).map(ServerConfig::apiUrl);
        return new ServerConfig(host, port, apiKey, apiUrl, BotConfig.fromEnvironment(variables), SsoConfig.from(env));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, apiKey, apiUrl, slack, sso);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, Optional.ofNullable(key), apiUrl, slack, sso);
    }

    public ServerConfig withApiUrl(URI url) {
        return new ServerConfig(host, port, apiKey, Optional.ofNullable(url), slack, sso);
    }

    public ServerConfig withSlack(BotConfig bot) {
        return new ServerConfig(host, port, apiKey, apiUrl, Optional.ofNullable(bot), sso);
    }

    public ServerConfig withSso(SsoConfig config) {
        return new ServerConfig(host, port, apiKey, apiUrl, slack, Optional.ofNullable(config));
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(none)")
                + ", apiUrl=" + apiUrl.map(URI::toString).orElse("(none)") + ", slack=" + slack.map(BotConfig::toString)
                .orElse("(off)") + ", sso=" + sso.map(SsoConfig::albArn).orElse("(off)") + "]";
    }

    private static URI apiUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(HMAC_API_URL + " must be the full URL of the deployed endpoint, "
                + "like https://abc123.execute-api.eu-west-1.amazonaws.com/Prod/signature.");
    }
}
