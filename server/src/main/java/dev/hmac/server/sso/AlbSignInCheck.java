package dev.hmac.server.sso;

import dev.hmac.core.Sha256;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who signed in, from the {@code x-amzn-oidc-data} header an Application Load Balancer adds once it has
 * authenticated a user: an ES256 JWT whose header names the load balancer ({@code signer}), its key ({@code kid})
 * and its expiry ({@code exp}), and whose claims are the identity provider's user info.
 *
 * <p>Checked in this order, so that a forged header costs no key fetch: the form (three base64url parts, padded as
 * ALB pads them or not, of JSON objects), {@code alg} ES256 and nothing else, {@code signer} equal to the configured
 * ARN, {@code exp} in the future (the header's, and the claims' when they have one), the key for {@code kid}, the
 * signature over the parts exactly as sent, padding included. The user is the {@code email} claim, else {@code sub}.
 * A token that passed is kept (by its SHA-256, a bounded number of them) and signs in again at no cost until it
 * expires: the same bytes get the same answer.
 *
 * <p>Refusals are {@link SignInRefusal reasons}; nothing of the token is ever put in one, nor thrown.
 */
public final class AlbSignInCheck {
    /** The header ALB sets; HTTP header names are case-insensitive. */
    public static final String HEADER = "x-amzn-oidc-data";

    // ALB refuses user claims over 11 KB; this leaves room for their base64url, the header and the signature.
    static final int MAX_TOKEN_CHARS = 32 * 1024;

    // A token ALB sends again is not verified again: ECDSA is most of a check's cost (docs/security.md).
    private static final int MAX_VERIFIED_TOKENS = 1024;

    private final String albArn;
    private final Clock clock;
    private final AlbKeySource keys;
    private final Map<ByteBuffer, Verified> verified = new LruMap<>(MAX_VERIFIED_TOKENS);

    /** A token whose every check passed: the same bytes give the same answer until it expires. */
    private record Verified(String user, BigDecimal expiry) {
    }

    /**
     * @param albArn the only accepted {@code signer}
     * @param clock for {@code exp}
     * @param keys the load balancer's public keys by kid
     */
    public AlbSignInCheck(String albArn, Clock clock, AlbKeySource keys) {
        this.albArn = Objects.requireNonNull(albArn, "albArn");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The check for the configured load balancer: its keys fetched from {@link SsoConfig#keysUrl()}, the system clock. */
    public static AlbSignInCheck of(SsoConfig config) {
        return new AlbSignInCheck(config.albArn(), Clock.systemUTC(), new AlbPublicKeys(config.keysUrl()));
    }

    /**
     * All the values of the header in one request: none is {@link SignInRefusal#MISSING}, more than one
     * {@link SignInRefusal#MALFORMED} (ALB sends one).
     */
    public SignIn check(List<String> headerValues) {
        if (headerValues == null || headerValues.isEmpty()) {
            return refused(SignInRefusal.MISSING);
        }
        return headerValues.size() == 1 ? check(headerValues.get(0)) : refused(SignInRefusal.MALFORMED);
    }

    /** @param headerValue the header's value; null or blank when the request has none */
    public SignIn check(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return refused(SignInRefusal.MISSING);
        }
        if (headerValue.length() > MAX_TOKEN_CHARS) {
            return refused(SignInRefusal.MALFORMED);
        }
        ByteBuffer digest = ByteBuffer.wrap(Sha256.digest(headerValue.getBytes(StandardCharsets.UTF_8)));
        Optional<SignIn> again = again(digest);
        if (again.isPresent()) {
            return again.get();
        }
        int first = headerValue.indexOf('.');
        int second = first < 0 ? -1 : headerValue.indexOf('.', first + 1);
        if (second < 0 || headerValue.indexOf('.', second + 1) >= 0) {
            return refused(SignInRefusal.MALFORMED);
        }
        Optional<Map<String, Object>> header = jsonObject(headerValue.substring(0, first));
        Optional<Map<String, Object>> claims = jsonObject(headerValue.substring(first + 1, second));
        Optional<byte[]> signature = base64url(headerValue.substring(second + 1));
        if (header.isEmpty() || claims.isEmpty() || signature.isEmpty()) {
            return refused(SignInRefusal.MALFORMED);
        }
        return check(header.get(), claims.get(), headerValue.substring(0, second), signature.get(), digest);
    }

    private synchronized Optional<SignIn> again(ByteBuffer digest) {
        Verified known = verified.get(digest);
        if (known == null) {
            return Optional.empty();
        }
        if (expired(known.expiry())) {
            verified.remove(digest);
            return Optional.of(refused(SignInRefusal.EXPIRED));
        }
        return Optional.of(new SignIn.SignedIn(known.user()));
    }

    private synchronized void remember(ByteBuffer digest, Verified token) {
        verified.put(digest, token);
    }

    private boolean expired(BigDecimal expiry) {
        // RFC 7519 §4.1.4: expired on or after exp.
        return BigDecimal.valueOf(clock.instant().getEpochSecond()).compareTo(expiry) >= 0;
    }

    private SignIn check(Map<String, Object> header, Map<String, Object> claims, String signingInput,
                         byte[] signature, ByteBuffer digest) {
        if (!"ES256".equals(header.get("alg"))) {
            return refused(header.containsKey("alg") ? SignInRefusal.UNSUPPORTED_ALGORITHM : SignInRefusal.MALFORMED);
        }
        // RFC 7515 §4.1.11: extensions a recipient does not understand make the token invalid; ALB uses none.
        if (header.containsKey("crit")) {
            return refused(SignInRefusal.MALFORMED);
        }
        if (!(header.get("signer") instanceof String)) {
            return refused(SignInRefusal.MALFORMED);
        }
        if (!albArn.equals(header.get("signer"))) {
            return refused(SignInRefusal.WRONG_SIGNER);
        }
        Optional<BigDecimal> expiry = seconds(header.get("exp"));
        Optional<BigDecimal> claimsExpiry = claims.containsKey("exp") ? seconds(claims.get("exp")) : expiry;
        if (expiry.isEmpty() || claimsExpiry.isEmpty()) {
            return refused(SignInRefusal.MALFORMED);
        }
        BigDecimal expiresAt = expiry.get().min(claimsExpiry.get());
        if (expired(expiresAt)) {
            return refused(SignInRefusal.EXPIRED);
        }
        if (!(header.get("kid") instanceof String)) {
            return refused(SignInRefusal.MALFORMED);
        }
        AlbKeySource.KeyLookup key = keys.find((String) header.get("kid"));
        if (key.key() == null) {
            return refused(key.refusal());
        }
        if (!Es256.verify(key.key(), signingInput, signature)) {
            return refused(SignInRefusal.BAD_SIGNATURE);
        }
        Optional<String> user = user(claims, "email").or(() -> user(claims, "sub"));
        if (user.isEmpty()) {
            return refused(SignInRefusal.NO_USER);
        }
        remember(digest, new Verified(user.get(), expiresAt));
        return new SignIn.SignedIn(user.get());
    }

    private static Optional<String> user(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        return value instanceof String && !((String) value).isBlank() ? Optional.of((String) value) : Optional.empty();
    }

    /** Unix seconds: a JSON number, or a string of digits (tolerated: the value is signed either way). */
    private static Optional<BigDecimal> seconds(Object value) {
        if (value instanceof BigDecimal) {
            return Optional.of((BigDecimal) value);
        }
        if (value instanceof String && ((String) value).matches("\\d{1,19}")) {
            return Optional.of(new BigDecimal((String) value));
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> jsonObject(String part) {
        Optional<byte[]> bytes = base64url(part);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            Object value = Json.parse(bytes.get());
            return value instanceof Map ? Optional.of((Map<String, Object>) value) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /**
     * The JDK's URL-safe decoder takes the part padded with {@code =} (as ALB sends it) or not (as RFC 7515 wants),
     * and refuses wrong padding and any character outside the base64url alphabet.
     */
    private static Optional<byte[]> base64url(String part) {
        if (part.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(part));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SignIn refused(SignInRefusal reason) {
        return new SignIn.Refused(reason);
    }
}
