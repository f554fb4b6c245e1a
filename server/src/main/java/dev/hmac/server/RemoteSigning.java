package dev.hmac.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.Signature;
import dev.hmac.outbound.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs through the deployed REST API ({@code HMAC_API_URL}) with {@code x-api-key}, as the original PHP form
 * did. A failure of the remote side becomes a message for the person at the form, never a stack trace, and an
 * answer that quotes the client secret is never passed on.
 *
 * <p>The only JSON the form deals with, bound with jackson-databind: on the server its start-up cost is paid once,
 * and no Lambda jar carries it (its cold start would pay about 300 ms, see docs/performance.md).
 */
final class RemoteSigning implements SigningBackend {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSigning.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Connect to last byte: a slow or dripping API costs the person at the form this long at most. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_REPLY_BYTES = 64 * 1024;
    private static final int MIN_QUOTED_SECRET = 8;

    /** What the REST contract's {@code POST /signature} takes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String callback, String clientid, String clientsecret, String timestamp) {
    }

    /** The REST contract's answers: a signature (200), or an error with the fields at fault (400, 413). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(String callback, String clientid, String timestamp, String signature, String error,
                  Map<String, String> errors) {
    }

    private final URI url;
    private final Optional<String> apiKey;

    RemoteSigning(URI url, Optional<String> apiKey) {
        this.url = url;
        this.apiKey = apiKey;
    }

    @Override
    public Outcome sign(Map<Field, String> input) {
        String timestamp = input.get(Field.TIMESTAMP);
        Request request = new Request(input.get(Field.CALLBACK), input.get(Field.CLIENT_ID), input.get(Field.CLIENT_SECRET),
                timestamp == null || timestamp.isBlank() ? null : timestamp);
        HttpCall.Reply reply;
        try {
            HttpCall call = HttpCall.to(url).deadline(DEADLINE).maxReplyBytes(MAX_REPLY_BYTES)
                    .header("Accept", "application/json");
            apiKey.ifPresent(key -> call.header("x-api-key", key));
            reply = call.post("application/json", JSON.writeValueAsBytes(request));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The signing API did not answer: {}", e.getClass().getName());
            return unavailable();
        }
        int status = reply.status();
        if (status == 200 || status == 400 || status == 413) {
            Optional<Answer> answer = contractAnswer(reply.body(), status == 200 ? "signature" : "error");
            if (answer.isPresent() && quotes(tree(reply.body()), input.get(Field.CLIENT_SECRET))) {
                // A gateway or another version of the API quoting its input: the page would show the secret.
                LOG.warn("The signing API's answer (HTTP {}) quoted the client secret; not shown", status);
                return new Problem(502, "The signing service gave an answer this page can't show. "
                        + "Please tell the team that runs this page.");
            }
            if (answer.isPresent()) {
                return outcome(status, answer.get());
            }
        }
        LOG.warn("The signing API answered HTTP {}", status);
        if (status == 403) {
            return new Problem(502, "The signing service refused this page's API key. "
                    + "Please tell the team that runs this page.");
        }
        if (status == 429) {
            return new Problem(503, "The signing service is busy. Please try again in a minute.");
        }
        return unavailable();
    }

    private static Outcome outcome(int status, Answer answer) {
        if (status == 200) {
            return new Signed(new Signature(answer.callback(), answer.clientid(), answer.timestamp(), answer.signature()));
        }
        List<FieldError> errors = new ArrayList<>();
        if (answer.errors() != null) {
            // The inputs of a signature only: an error about any other field is shown as the answer's message.
            for (Field field : Field.signing()) {
                String message = answer.errors().get(field.key());
                if (message != null) {
                    errors.add(new FieldError(field, message));
                }
            }
        }
        return errors.isEmpty() ? new Problem(status, answer.error()) : new Invalid(errors);
    }

    /** The answer when it is the REST contract's JSON object with {@code requiredKey} as text, else empty. */
    private static Optional<Answer> contractAnswer(String body, String requiredKey) {
        JsonNode tree = tree(body);
        if (tree == null || !tree.isObject() || !tree.path(requiredKey).isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.treeToValue(tree, Answer.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Whether any text in the answer, names included, holds the secret. Secrets shorter than
     * {@value #MIN_QUOTED_SECRET} characters are not looked for: they would turn up by chance in ordinary messages
     * and signatures.
     */
    private static boolean quotes(JsonNode answer, String secret) {
        String needle = secret == null ? "" : secret.strip();
        return needle.length() >= MIN_QUOTED_SECRET && answer != null && contains(answer, needle);
    }

    private static boolean contains(JsonNode node, String needle) {
        if (node.isTextual()) {
            return node.textValue().contains(needle);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (property.getKey().contains(needle) || contains(property.getValue(), needle)) {
                    return true;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (contains(item, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Problem unavailable() {
        return new Problem(502, "The signing service is not reachable right now. Please try again later.");
    }

    @Override
    public String describe() {
        return "via " + url + (apiKey.isPresent() ? " with x-api-key" : "");
    }
}
