package dev.hmac.api;

import dev.hmac.core.Field;
import dev.hmac.core.Signature;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import dev.hmac.core.audit.AuditEvent;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /signature}, independent of how HTTP arrives (API Gateway or the local server). Bad input always gets
 * a 4xx with a JSON error; nothing here ever puts the client secret in a response.
 */
public final class SignatureEndpoint extends JsonEndpoint {
    public static final String PATH = "/signature";

    private static final JsonRequest.Shape SHAPE = JsonRequest.Shape.of(Field.signing(),
            "Send a JSON object with callback, clientid, clientsecret and, optionally, timestamp, algorithm and "
                    + "encoding.",
            Map.of(Field.SIGNATURE.key(), "POST /signature computes a signature and takes no \"signature\" field: "
                    + "to check one, send it to POST /verify."));

    private final Signer signer;

    public SignatureEndpoint(Signer signer) {
        super(SHAPE, AuditEvent.Kind.SIGNATURE);
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** The body of {@code POST /signature}. */
    public ApiResponse sign(byte[] body) {
        return answer(body);
    }

    /** Signs an already parsed object, as the Lambda console's direct test event sends it. */
    public ApiResponse sign(Map<String, Object> object) {
        return answer(object);
    }

    @Override
    ApiResponse reply(JsonRequest json) throws JsonRequest.Refused {
        SignatureRequest request = SignatureRequest.of(json.text(Field.CALLBACK), json.text(Field.CLIENT_ID),
                json.text(Field.CLIENT_SECRET), json.value(Field.TIMESTAMP), json.text(Field.ALGORITHM),
                json.text(Field.ENCODING));
        Signature signature = signer.sign(request);
        // The options after the original four, so that an answer without options starts byte for byte as it did.
        return ApiResponse.ok(ApiResponse.object("callback", signature.callback(), "clientid", signature.clientId(),
                "timestamp", signature.timestamp(), "signature", signature.signature(),
                "algorithm", signature.algorithm().key(), "encoding", signature.encoding().key()),
                AuditEvent.signed(signature));
    }
}
