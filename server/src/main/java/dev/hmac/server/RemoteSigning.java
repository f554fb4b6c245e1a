package dev.hmac.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hmac.core.Algorithm;
import dev.hmac.core.Encoding;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import dev.hmac.core.Signature;
import dev.hmac.core.audit.Caller;
import dev.hmac.outbound.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and checks through the deployed REST API ({@code HMAC_API_URL}, and its {@code /verify} beside it) with
 * {@code x-api-key}, as the original PHP form did. A failure of the remote side becomes a message for the person at
 * the form, never a stack trace, and an answer that quotes the client secret is never passed on.
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
    /** Left out of the request when left empty, so that the API applies its default. */
    private static final Set<Field> OPTIONAL = Set.of(Field.TIMESTAMP, Field.ALGORITHM, Field.ENCODING);
    private static final String SIGNATURE_PATH = "/signature";
    private static final String VERIFY_PATH = "/verify";

    /** The REST contract's answer to {@code POST /signature} (200). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SignatureAnswer(String callback, String clientid, String timestamp, String signature, String algorithm,
                           String encoding) {
    }

    /** The REST contract's verdict, from {@code POST /verify} (200). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VerdictAnswer(Boolean match, String callback, String clientid, String timestamp, String algorithm,
                         String encoding, String signature, @JsonProperty("message_to_sign") MessageAnswer messageToSign,
                         List<ReasonAnswer> explanations, Boolean complete) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageAnswer(String text, Integer bytes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReasonAnswer(String cause, String message) {
    }

    /** The REST contract's error, either endpoint (400, 413): the fields at fault, if any. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorAnswer(String error, Map<String, String> errors) {
    }

    private final URI signatureUrl;
    private final Optional<URI> verifyUrl;
    private final Optional<String> apiKey;

    RemoteSigning(URI signatureUrl, Optional<String> apiKey) {
        this.signatureUrl = signatureUrl;
        this.verifyUrl = verifyUrl(signatureUrl);
        this.apiKey = apiKey;
        if (verifyUrl.isEmpty()) {
            LOG.warn("HMAC_API_URL has no {} in its path to replace with {}: the form can sign but not check",
                    SIGNATURE_PATH, VERIFY_PATH);
        }
    }

    /**
     * The deployed {@code /verify}: the URL with the last {@code /signature} of its path replaced by {@code /verify}
     * (as the template deploys them side by side), or empty when its path has none.
     */
    static Optional<URI> verifyUrl(URI signatureUrl) {
        String path = signatureUrl.getRawPath() == null ? "" : signatureUrl.getRawPath();
        int at = path.lastIndexOf(SIGNATURE_PATH);
        int end = at + SIGNATURE_PATH.length();
        if (at < 0 || end < path.length() && path.charAt(end) != '/') {
            return Optional.empty();
        }
        String query = signatureUrl.getRawQuery() == null ? "" : "?" + signatureUrl.getRawQuery();
        return Optional.of(URI.create(signatureUrl.getScheme() + "://" + signatureUrl.getRawAuthority()
                + path.substring(0, at) + VERIFY_PATH + path.substring(end) + query));
    }

    @Override
    public Outcome sign(Map<Field, String> input, String requestId) {
        return call(SIGNATURE_PATH, signatureUrl, Field.signing(), input, requestId, RemoteSigning::signed);
    }

    @Override
    public Outcome check(Map<Field, String> input, String requestId) {
        if (verifyUrl.isEmpty()) {
            return new Problem(502, "This page can't check signatures: the address of its signing service has no "
                    + SIGNATURE_PATH + " to replace with " + VERIFY_PATH + ". Please tell the team that runs this page.");
        }
        return call(VERIFY_PATH, verifyUrl.get(), List.of(Field.values()), input, requestId, RemoteSigning::checked);
    }

    /**
     * @param endpoint our name of the endpoint, for the log (never the URL: it may carry a key in its query)
     * @param requestId sent as {@value Caller#REQUEST_ID_HEADER}, so that the API's audit line names the form's request
     * @param result the outcome for a 200 that is the contract's answer, or empty
     */
    private Outcome call(String endpoint, URI url, List<Field> fields, Map<Field, String> input, String requestId,
                         Function<JsonNode, Optional<Outcome>> result) {
        Map<String, String> request = new LinkedHashMap<>();
        for (Field field : fields) {
            String value = input.get(field);
            if (value != null && !(OPTIONAL.contains(field) && value.isBlank())) {
                request.put(field.key(), value);
            }
        }
        HttpCall.Reply reply;
        try {
            HttpCall call = HttpCall.to(url).deadline(DEADLINE).maxReplyBytes(MAX_REPLY_BYTES)
                    .header("Accept", "application/json");
            if (requestId != null) {
                call.header(Caller.REQUEST_ID_HEADER, requestId);
            }
            apiKey.ifPresent(key -> call.header("x-api-key", key));
            reply = call.post("application/json", JSON.writeValueAsBytes(request));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The API's {} did not answer: {}", endpoint, e.getClass().getName());
            return unavailable();
        }
        int status = reply.status();
        if (status == 200 || status == 400 || status == 413) {
            JsonNode tree = tree(reply.body());
            Optional<Outcome> outcome = tree == null || !tree.isObject() ? Optional.empty()
                    : status == 200 ? result.apply(tree) : error(status, tree, fields);
            if (outcome.isPresent() && quotes(tree, input.get(Field.CLIENT_SECRET))) {
                // A gateway or another version of the API quoting its input: the page would show the secret.
                LOG.warn("The API's {} answer (HTTP {}) quoted the client secret; not shown", endpoint, status);
                return new Problem(502, "The signing service gave an answer this page can't show. "
                        + "Please tell the team that runs this page.");
            }
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        LOG.warn("The API's {} answered HTTP {}", endpoint, status);
        switch (status) {
            case 403:
                return new Problem(502, "The signing service refused this page's API key. "
                        + "Please tell the team that runs this page.");
            case 429:
                return new Busy("The signing service is busy. Please try again in a minute.", 60);
            case 503:
                // A server's /verify with every turn taken (API Gateway throttles with a 429).
                return new Busy("The signing service is busy. Please try again in a few seconds.", 5);
            default:
                return unavailable();
        }
    }

    private static Optional<Outcome> signed(JsonNode tree) {
        return bind(tree, "signature", JsonNode::isTextual, SignatureAnswer.class).flatMap(answer ->
                scheme(answer.algorithm(), answer.encoding()).map(scheme -> new Signed(new Signature(answer.callback(),
                        answer.clientid(), answer.timestamp(), answer.signature(), scheme.algorithm(),
                        scheme.encoding()))));
    }

    private static Optional<Outcome> checked(JsonNode tree) {
        Optional<VerdictAnswer> bound = bind(tree, "match", JsonNode::isBoolean, VerdictAnswer.class);
        Optional<Scheme> scheme = bound.flatMap(answer -> scheme(answer.algorithm(), answer.encoding()));
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        VerdictAnswer answer = bound.get();
        MessageAnswer message = answer.messageToSign();
        if (answer.signature() == null || answer.timestamp() == null || message == null || message.text() == null
                || message.bytes() == null) {
            return Optional.empty();
        }
        List<CheckResult.Reason> reasons = new ArrayList<>();
        for (ReasonAnswer reason : answer.explanations() == null ? List.<ReasonAnswer>of() : answer.explanations()) {
            if (reason == null || reason.cause() == null || reason.message() == null) {
                return Optional.empty();
            }
            reasons.add(new CheckResult.Reason(reason.cause(), reason.message()));
        }
        return Optional.of(new Checked(new CheckResult(answer.match(), answer.callback(), answer.clientid(),
                answer.timestamp(), scheme.get().algorithm(), scheme.get().encoding(), answer.signature(),
                message.text(), message.bytes(), reasons, !Boolean.FALSE.equals(answer.complete()))));
    }

    /** The fields at fault among those sent; an error about any other is shown as the answer's message. */
    private static Optional<Outcome> error(int status, JsonNode tree, List<Field> fields) {
        Optional<ErrorAnswer> bound = bind(tree, "error", JsonNode::isTextual, ErrorAnswer.class);
        if (bound.isEmpty()) {
            return Optional.empty();
        }
        ErrorAnswer answer = bound.get();
        List<FieldError> errors = new ArrayList<>();
        if (answer.errors() != null) {
            for (Field field : fields) {
                String message = answer.errors().get(field.key());
                if (message != null) {
                    errors.add(new FieldError(field, message));
                }
            }
        }
        return Optional.of(errors.isEmpty() ? new Problem(status, answer.error()) : new Invalid(errors));
    }

    /** The algorithm and encoding an answer names (the defaults where it names none), or empty for a name unknown here. */
    private static Optional<Scheme> scheme(String algorithm, String encoding) {
        Optional<Algorithm> a = algorithm == null ? Optional.of(Algorithm.DEFAULT) : Algorithm.parse(algorithm);
        Optional<Encoding> e = encoding == null ? Optional.of(Encoding.DEFAULT) : Encoding.parse(encoding);
        return a.isPresent() && e.isPresent() ? Optional.of(new Scheme(a.get(), e.get())) : Optional.empty();
    }

    private record Scheme(Algorithm algorithm, Encoding encoding) {
    }

    /** The answer bound to {@code type}, when its {@code key} is there and of the kind the contract says; else empty. */
    private static <T> Optional<T> bind(JsonNode tree, String key, Predicate<JsonNode> kind, Class<T> type) {
        if (!kind.test(tree.path(key))) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.treeToValue(tree, type));
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
        return "signing via " + signatureUrl + verifyUrl.map(url -> ", checking via " + url).orElse(", not checking")
                + (apiKey.isPresent() ? ", with x-api-key" : "");
    }
}
