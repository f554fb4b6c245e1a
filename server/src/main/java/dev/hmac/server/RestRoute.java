package dev.hmac.server;

import dev.hmac.api.ApiResponse;
import dev.hmac.api.RestApi;
import dev.hmac.core.Sha256;
import dev.hmac.core.audit.AuditTrail;
import dev.hmac.core.audit.Surface;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code POST /signature} or {@code POST /verify}: the REST contract in-process, behind an optional API key as on
 * API Gateway. Every signing and check, valid or not, gets its audit line, as on the REST Lambda; the caller is the
 * client's address (and the signed-in user, with single sign-on), and the request the server's own.
 */
final class RestRoute implements Route {
    private final RestApi api;
    private final String path;
    private final Optional<byte[]> apiKeyDigest;
    private final AuditTrail audit;

    RestRoute(RestApi api, String path, Optional<String> apiKey, AuditTrail audit) {
        this.api = api;
        this.path = path;
        this.apiKeyDigest = apiKey.map(RestRoute::sha256);
        this.audit = audit;
    }

    @Override
    public Answer answer(RequestHead head) {
        if (!"POST".equals(head.method())) {
            return Answer.json(api.handle(head.method(), path, null));
        }
        if (apiKeyDigest.isPresent() && !hasApiKey(head)) {
            return Answer.json(ApiResponse.error(403, "Forbidden: send a valid API key in the x-api-key header."));
        }
        return null;
    }

    @Override
    public int maxBodyBytes() {
        return RestApi.MAX_BODY_BYTES;
    }

    @Override
    public Answer answer(RequestHead head, Body body) {
        if (body instanceof Body.Read read) {
            ApiResponse response = api.handle(head.method(), path, read.bytes());
            if (response.audit() != null) {
                audit.record(head.caller(Surface.REST), response.audit());
            }
            return Answer.json(response);
        }
        switch ((Body.Refused) body) {
            case TOO_LARGE:
                return Answer.json(RestApi.tooLarge());
            case TOO_SLOW:
                return Answer.json(ApiResponse.error(408, "The request body arrived too slowly."));
            default:
                return Answer.json(ApiResponse.error(400, "The request body could not be read to its end "
                        + "(broken chunked encoding, or shorter than its Content-Length)."));
        }
    }

    private boolean hasApiKey(RequestHead head) {
        String given = head.header("x-api-key");
        // Digests first: equal lengths, so the comparison time says nothing about the key's length either.
        return given != null && MessageDigest.isEqual(sha256(given), apiKeyDigest.get());
    }

    private static byte[] sha256(String text) {
        return Sha256.digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
