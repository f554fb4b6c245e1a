package dev.hmac.core;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Validated inputs of one check: the inputs of a signature, and the signature they should have made. The rules
 * and messages are those of {@link SignatureRequest}, with one exception: a 13-digit timestamp is accepted as
 * milliseconds, so that the check can explain it.
 */
public final class VerificationRequest {
    public static final int MAX_SIGNATURE_LENGTH = InputRules.MAX_SIGNATURE_LENGTH;
    /** A timestamp in milliseconds has 13 digits. */
    public static final int MAX_TIMESTAMP_DIGITS = 13;
    /** The whitespace trimmed from each end of an input is kept, up to this many characters, as a clue. */
    private static final int KEPT_SPACE = 4;

    private final SignatureRequest signing;
    private final OptionalLong milliseconds;
    private final String signature;
    private final Map<Field, String> trimmedStart = new EnumMap<>(Field.class);
    private final Map<Field, String> trimmedEnd = new EnumMap<>(Field.class);

    private VerificationRequest(SignatureRequest signing, OptionalLong milliseconds, String signature) {
        this.signing = signing;
        this.milliseconds = milliseconds;
        this.signature = signature;
    }

    /**
     * Trims and validates raw inputs.
     *
     * @param timestamp null or blank when the time of signing is unknown (then any second within 24 hours of now
     *     is tried), a decimal string, or an integral {@link Number}: Unix seconds, or milliseconds (13 digits)
     * @param signature the signature to check, as it was sent to Apigee
     * @param algorithm null or blank for {@link Algorithm#DEFAULT}, else a name {@link Algorithm#parse} reads
     * @param encoding null or blank for {@link Encoding#DEFAULT}, else a name {@link Encoding#parse} reads
     * @throws InvalidRequestException naming every field at fault, in the order of {@link Field}
     */
    public static VerificationRequest of(String callback, String clientId, String clientSecret, Object timestamp,
            String signature, String algorithm, String encoding) {
        List<FieldError> errors = new ArrayList<>(4);
        SignatureRequest given = SignatureRequest.validated(callback, clientId, clientSecret, timestamp, algorithm,
                encoding, true, errors);
        String sig = InputRules.trim(signature);
        Optional<FieldError> signatureError = InputRules.checkText(Field.SIGNATURE, sig, MAX_SIGNATURE_LENGTH);
        if (signatureError.isPresent()) {
            // In field order: after the timestamp's error, before the options'.
            int at = 0;
            while (at < errors.size() && errors.get(at).field().compareTo(Field.SIGNATURE) < 0) {
                at++;
            }
            errors.add(at, signatureError.get());
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        OptionalLong ts = given.timestamp();
        boolean inMilliseconds = ts.isPresent() && ts.getAsLong() >= InputRules.TIMESTAMP_LIMIT;
        SignatureRequest signing = inMilliseconds
                ? new SignatureRequest(given.callback(), given.clientId(), given.clientSecret(),
                        OptionalLong.of(ts.getAsLong() / 1000), given.algorithm(), given.encoding())
                : given;
        VerificationRequest request = new VerificationRequest(signing, inMilliseconds ? ts : OptionalLong.empty(),
                sig);
        request.keepTrimmed(Field.CALLBACK, callback);
        request.keepTrimmed(Field.CLIENT_ID, clientId);
        request.keepTrimmed(Field.CLIENT_SECRET, clientSecret);
        if (timestamp instanceof CharSequence && ts.isPresent()) {
            request.keepTrimmed(Field.TIMESTAMP, timestamp.toString());
        }
        return request;
    }

    private void keepTrimmed(Field field, String raw) {
        int start = InputRules.leadingSpace(raw);
        int end = InputRules.trailingSpace(raw);
        if (start > 0 && start <= KEPT_SPACE) {
            trimmedStart.put(field, raw.substring(0, start));
        }
        if (end > 0 && end <= KEPT_SPACE) {
            trimmedEnd.put(field, raw.substring(raw.length() - end));
        }
    }

    /**
     * What the signature should have been made from: callback, client id, secret, the algorithm and encoding
     * expected, and the timestamp given in seconds (a timestamp given in milliseconds, in seconds), if any.
     */
    public SignatureRequest signing() {
        return signing;
    }

    /** The timestamp as given when it had 13 digits (milliseconds); empty otherwise. */
    public OptionalLong millisecondsGiven() {
        return milliseconds;
    }

    public boolean isMilliseconds() {
        return milliseconds.isPresent();
    }

    /** The signature to check, trimmed. It is a credential: never log it. */
    public String signature() {
        return signature;
    }

    /**
     * The whitespace trimmed from the start of a field as typed (up to four characters; otherwise empty): the
     * signer's code may have kept it, so the check tries it first.
     */
    public String trimmedFromStart(Field field) {
        return trimmedStart.getOrDefault(field, "");
    }

    /** As {@link #trimmedFromStart}, at the end: a secret pasted from a file often brings its line break. */
    public String trimmedFromEnd(Field field) {
        return trimmedEnd.getOrDefault(field, "");
    }

    @Override
    public String toString() {
        // Neither the secret nor the signature: a stray log statement must not leak a credential.
        return "VerificationRequest[" + signing + (isMilliseconds() ? ", milliseconds given" : "") + "]";
    }
}
