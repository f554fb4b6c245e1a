package dev.hmac.server;

import dev.hmac.core.Field;
import dev.hmac.core.InvalidRequestException;
import dev.hmac.core.SignatureRequest;
import dev.hmac.core.Signer;
import java.util.Map;

/** Signs in this process with the shared core. */
final class LocalSigning implements SigningBackend {
    private final Signer signer;

    LocalSigning(Signer signer) {
        this.signer = signer;
    }

    @Override
    public Outcome sign(Map<Field, String> input) {
        try {
            return new Signed(signer.sign(SignatureRequest.of(input.get(Field.CALLBACK), input.get(Field.CLIENT_ID),
                    input.get(Field.CLIENT_SECRET), input.get(Field.TIMESTAMP))));
        } catch (InvalidRequestException e) {
            return new Invalid(e.errors());
        }
    }

    @Override
    public String describe() {
        return "in-process";
    }
}
