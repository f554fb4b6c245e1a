package dev.hmac.core;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Validated inputs of one signature. Every surface (REST, web form, Slack) builds one through
 * {@link #of}, so the rules and their messages are the same everywhere.
 */
public final class SignatureRequest {
    public static final int MAX_CALLBACK_LENGTH = InputRules.MAX_CALLBACK_LENGTH;
    public static final int MAX_CREDENTIAL_LENGTH = InputRules.MAX_CREDENTIAL_LENGTH;
    /** Ten decimal digits: Unix seconds up to the year 2286. */
    public static final long TIMESTAMP_LIMIT = InputRules.TIMESTAMP_LIMIT;

    private final String callback;
    private final String clientId;
    private final String clientSecret;
    private final OptionalLong timestamp;
    private final Algorithm algorithm;
    private final Encoding encoding;

    SignatureRequest(String callback, String clientId, String clientSecret, OptionalLong timestamp, Algorithm algorithm,
            Encoding encoding) {
        this.callback = callback;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timestamp = timestamp;
        this.algorithm = algorithm;
        this.encoding = encoding;
    }

    /**
     * Trims and validates raw inputs, for the original rule (HMAC-SHA256, base64).
     *
     * @param timestamp null or blank for "now", a decimal string, or an integral {@link Number}
     * @throws InvalidRequestException naming every field at fault
     */
    public static SignatureRequest of(String callback, String clientId, String clientSecret, Object timestamp) {
        return of(callback, clientId, clientSecret, timestamp, null, null);
    }

    /**
     * Trims and validates raw inputs with the signing options.
     *
     * @param algorithm null or blank for {@link Algorithm#DEFAULT}, else a name {@link Algorithm#parse} reads
     * @param encoding null or blank for {@link Encoding#DEFAULT}, else a name {@link Encoding#parse} reads
     * @throws InvalidRequestException naming every field at fault
     */
    public static SignatureRequest of(String callback, String clientId, String clientSecret, Object timestamp,
            String algorithm, String encoding) {
        List<FieldError> errors = new ArrayList<>(4);
        SignatureRequest request = validated(callback, clientId, clientSecret, timestamp, algorithm, encoding, false,
                errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return request;
    }

    /**
     * The rules themselves, shared with {@link VerificationRequest}: adds an error per field at fault, in field
     * order, and returns the request when there is none.
     *
     * @param millisecondsAllowed a 13-digit timestamp is taken (as it is: the caller converts it)
     */
    static SignatureRequest validated(String callback, String clientId, String clientSecret, Object timestamp,
            String algorithm, String encoding, boolean millisecondsAllowed, List<FieldError> errors) {
        int before = errors.size();
        String cb = InputRules.trim(callback);
        String id = InputRules.trim(clientId);
        String secret = InputRules.trim(clientSecret);
        InputRules.checkCallback(cb).ifPresent(errors::add);
        InputRules.checkText(Field.CLIENT_ID, id, MAX_CREDENTIAL_LENGTH).ifPresent(errors::add);
        InputRules.checkText(Field.CLIENT_SECRET, secret, MAX_CREDENTIAL_LENGTH).ifPresent(errors::add);
        OptionalLong ts = OptionalLong.empty();
        try {
            ts = InputRules.parseTimestamp(timestamp, millisecondsAllowed);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(Field.TIMESTAMP, e.getMessage()));
        }
        Algorithm alg = InputRules.option(Field.ALGORITHM, algorithm, Algorithm.DEFAULT, errors);
        Encoding enc = InputRules.option(Field.ENCODING, encoding, Encoding.DEFAULT, errors);
        return errors.size() > before ? null : new SignatureRequest(cb, id, secret, ts, alg, enc);
    }

    public String callback() {
        return callback;
    }

    public String clientId() {
        return clientId;
    }

    /** The secret, for the signer only: never log it, echo it or put it in a response. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The timestamp to sign with, when one was given; otherwise the signer uses its clock. */
    public OptionalLong timestamp() {
        return timestamp;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public Encoding encoding() {
        return encoding;
    }

    @Override
    public String toString() {
        // Deliberately leaves the secret out, so a stray log statement can't leak it.
        return "SignatureRequest[callback=" + callback + ", clientId=" + clientId + ", timestamp="
                + (timestamp.isPresent() ? timestamp.getAsLong() : "now") + ", algorithm=" + algorithm.key()
                + ", encoding=" + encoding.key() + "]";
    }
}
