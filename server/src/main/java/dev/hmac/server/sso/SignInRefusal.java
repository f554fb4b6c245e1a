package dev.hmac.server.sso;

import java.util.Locale;

/**
 * Why a request's {@code x-amzn-oidc-data} header signs no one in. A reason only: safe to log and to count, it never
 * carries the token or any of its claims.
 */
public enum SignInRefusal {
    /** No header: the request did not come through the load balancer's authentication. */
    MISSING,
    /** Not three base64url parts of JSON objects, too long, sent twice, or without a field ALB always sets. */
    MALFORMED,
    /** An {@code alg} other than ES256 ({@code none}, HS256, RS256, ...). */
    UNSUPPORTED_ALGORITHM,
    /** Signed, if at all, for another load balancer: {@code signer} is not the configured ARN. */
    WRONG_SIGNER,
    /** Past its {@code exp}. */
    EXPIRED,
    /** A {@code kid} not of the form ALB uses; never looked up, so never part of a URL. */
    BAD_KEY_ID,
    /** The key server has no key for the {@code kid} (404 or 403). */
    UNKNOWN_KEY,
    /** The key server failed, was too slow, or answered with something that is not a P-256 public key. */
    KEY_UNAVAILABLE,
    /** Too many keys not yet known were asked for lately; the key server is not asked for this one now. */
    KEY_FETCHES_LIMITED,
    /** The signature is not the key's over the token. */
    BAD_SIGNATURE,
    /** A valid token with neither an {@code email} nor a {@code sub} claim. */
    NO_USER;

    /** The reason for a log line or a metric dimension: {@code bad_signature}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
