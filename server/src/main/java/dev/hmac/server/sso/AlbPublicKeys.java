package dev.hmac.server.sso;

import dev.hmac.outbound.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The load balancer's public keys, fetched from {@code baseUrl + kid} as PEM and kept: a key never changes for its
 * kid, so a known kid costs no call, ever. The token's kid is the attacker's to choose, so the key server is asked
 * only for a kid of the form ALB uses (letters, digits, {@code -} and {@code _}: ALB's are UUIDs), only once at a
 * time for a kid however many requests wait for it, not again for a minute after it failed, and for at most a few
 * kids not yet known a minute. Both caches are bounded.
 *
 * <p>Every outcome is a {@link KeyLookup}: a key server that fails, stalls or answers too much refuses the sign-in,
 * it never fails the request.
 */
public final class AlbPublicKeys implements AlbKeySource {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The bounds, in one place. */
    record Limits(Duration fetchDeadline, int maxKeyBytes, int maxKeys, int maxMisses, Duration missTtl,
                  int fetchesPerMinute) {
        /**
         * A fetch's deadline (connect to last byte) well inside a person's patience (a fetch happens once per key);
         * a P-256 PEM is 178 bytes; ALB uses a handful of keys over time; ten new kids a minute is far more than
         * key rotation needs.
         */
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(2), 4096, 64, 1024, Duration.ofMinutes(1), 10);
    }

    private final String baseUrl;
    private final Clock clock;
    private final Limits limits;
    private final Map<String, ECPublicKey> keys;
    private final Map<String, Miss> misses;
    private final ConcurrentHashMap<String, CompletableFuture<KeyLookup>> fetching = new ConcurrentHashMap<>();
    private Instant windowStart = Instant.MIN;
    private int fetchesInWindow;

    private record Miss(SignInRefusal refusal, Instant until) {
    }

    /** @param baseUrl ends with {@code /} ({@link SsoConfig#keysUrl()} does) */
    public AlbPublicKeys(URI baseUrl) {
        this(baseUrl, Clock.systemUTC(), Limits.DEFAULT);
    }

    AlbPublicKeys(URI baseUrl, Clock clock, Limits limits) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        if (!this.baseUrl.endsWith("/")) {
            throw new IllegalArgumentException("the keys' base URL must end with /");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.keys = new LruMap<>(limits.maxKeys());
        this.misses = new LruMap<>(limits.maxMisses());
    }

    @Override
    public KeyLookup find(String kid) {
        if (kid == null || !KEY_ID.matcher(kid).matches()) {
            return KeyLookup.refused(SignInRefusal.BAD_KEY_ID);
        }
        Optional<KeyLookup> known = known(kid);
        if (known.isPresent()) {
            return known.get();
        }
        CompletableFuture<KeyLookup> mine = new CompletableFuture<>();
        CompletableFuture<KeyLookup> running = fetching.putIfAbsent(kid, mine);
        if (running != null) {
            // Bounded by the fetch's own timeouts and size limit.
            return running.join();
        }
        KeyLookup lookup = KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE);
        try {
            // Again under the flight: another caller may have finished this kid's fetch in between.
            lookup = known(kid).orElseGet(() -> mayFetch() ? remember(kid, fetch(kid))
                    : KeyLookup.refused(SignInRefusal.KEY_FETCHES_LIMITED));
            return lookup;
        } finally {
            fetching.remove(kid, mine);
            mine.complete(lookup);
        }
    }

    private synchronized Optional<KeyLookup> known(String kid) {
        ECPublicKey key = keys.get(kid);
        if (key != null) {
            return Optional.of(KeyLookup.found(key));
        }
        Miss miss = misses.get(kid);
        if (miss != null) {
            if (clock.instant().isBefore(miss.until())) {
                return Optional.of(KeyLookup.refused(miss.refusal()));
            }
            misses.remove(kid);
        }
        return Optional.empty();
    }

    private synchronized boolean mayFetch() {
        Instant now = clock.instant();
        if (!now.isBefore(windowStart.plus(Duration.ofMinutes(1))) || now.isBefore(windowStart)) {
            windowStart = now;
            fetchesInWindow = 0;
        }
        if (fetchesInWindow >= limits.fetchesPerMinute()) {
            return false;
        }
        fetchesInWindow++;
        return true;
    }

    private synchronized KeyLookup remember(String kid, KeyLookup lookup) {
        if (lookup.key() != null) {
            keys.put(kid, lookup.key());
        } else {
            misses.put(kid, new Miss(lookup.refusal(), clock.instant().plus(limits.missTtl())));
        }
        return lookup;
    }

    private KeyLookup fetch(String kid) {
        HttpCall.Reply reply;
        try {
            reply = HttpCall.to(URI.create(baseUrl + kid))
                    .deadline(limits.fetchDeadline())
                    .maxReplyBytes(limits.maxKeyBytes())
                    .get();
        } catch (IOException | RuntimeException e) {
            return KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE);
        }
        if (reply.status() == 404 || reply.status() == 403) {
            // A missing object in an S3 bucket one may not list answers 403.
            return KeyLookup.refused(SignInRefusal.UNKNOWN_KEY);
        }
        if (reply.status() != 200) {
            return KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE);
        }
        return Es256.publicKeyFromPem(reply.body()).map(KeyLookup::found)
                .orElseGet(() -> KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE));
    }
}
