package dev.hmac.server;

import dev.hmac.api.ApiResponse;
import dev.hmac.api.SignatureEndpoint;
import java.util.Map;

/** Signs in this process with the shared core. */
final class LocalSigning implements SigningBackend {
    private final SignatureEndpoint endpoint;

    LocalSigning(SignatureEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public ApiResponse sign(Map<String, Object> request) {
        return endpoint.sign(request);
    }

    @Override
    public String describe() {
        return "in-process";
    }
}
