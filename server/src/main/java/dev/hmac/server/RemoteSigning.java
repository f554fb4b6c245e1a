package dev.hmac.server;

import dev.hmac.api.ApiResponse;
import dev.hmac.core.Field;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs through the deployed REST API ({@code HMAC_API_URL}) with {@code x-api-key}, as the original PHP form
 * did. Failures of the remote side become messages for the person at the form, never a stack trace, and an
 * answer that quotes the client secret is never passed on.
 */
final class RemoteSigning implements SigningBackend {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSigning.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_REPLY_CHARS = 64 * 1024;
    private static final int MIN_QUOTED_SECRET = 8;

    private final URI url;
    private final Optional<String> apiKey;
    private final HttpClient client;

    RemoteSigning(URI url, Optional<String> apiKey) {
        this.url = url;
        this.apiKey = apiKey;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ApiResponse sign(Map<String, Object> request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request)));
        apiKey.ifPresent(key -> builder.header("x-api-key", key));
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warn("The signing API did not answer: {}", e.getClass().getName());
            return unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable();
        }
        int status = response.statusCode();
        if (status == 200 || status == 400 || status == 413) {
            Object body = contractBody(response.body(), status == 200 ? "signature" : "error");
            if (body != null && quotes(body, request.get(Field.CLIENT_SECRET.key()))) {
                // A gateway or another version of the API quoting its input: the page would show the secret.
                LOG.warn("The signing API's answer (HTTP {}) quoted the client secret; not shown", status);
                return ApiResponse.error(502, "The signing service gave an answer this page can't show. "
                        + "Please tell the team that runs this page.");
            }
            if (body != null) {
                return new ApiResponse(status, response.body(), null, Map.of());
            }
        }
        LOG.warn("The signing API answered HTTP {}", status);
        if (status == 403) {
            return ApiResponse.error(502, "The signing service refused this page's API key. "
                    + "Please tell the team that runs this page.");
        }
        if (status == 429) {
            return ApiResponse.error(503, "The signing service is busy. Please try again in a minute.");
        }
        return unavailable();
    }

    /** The parsed reply when it is the REST contract's JSON object with {@code requiredKey}, else null. */
    private static Object contractBody(String body, String requiredKey) {
        if (body == null || body.length() > MAX_REPLY_CHARS) {
            return null;
        }
        try {
            Object parsed = Json.parse(body);
            return parsed instanceof Map && ((Map<?, ?>) parsed).get(requiredKey) instanceof String ? parsed : null;
        } catch (JsonException e) {
            return null;
        }
    }

    /**
     * Whether any text in the reply holds the secret. Secrets shorter than {@value #MIN_QUOTED_SECRET} characters
     * are not looked for: they would turn up by chance in ordinary messages and signatures.
     */
    private static boolean quotes(Object reply, Object secret) {
        String needle = secret instanceof String ? ((String) secret).strip() : "";
        if (needle.length() < MIN_QUOTED_SECRET) {
            return false;
        }
        if (reply instanceof String) {
            return ((String) reply).contains(needle);
        }
        if (reply instanceof Map) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) reply).entrySet()) {
                if (quotes(entry.getKey(), needle) || quotes(entry.getValue(), needle)) {
                    return true;
                }
            }
        }
        if (reply instanceof List) {
            for (Object item : (List<?>) reply) {
                if (quotes(item, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ApiResponse unavailable() {
        return ApiResponse.error(502, "The signing service is not reachable right now. Please try again later.");
    }

    @Override
    public String describe() {
        return "via " + url + (apiKey.isPresent() ? " with x-api-key" : "");
    }
}
