package dev.hmac.server.sso;

import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/** The load balancer's public keys by key id ({@code kid}). {@link AlbPublicKeys} fetches and caches them. */
@FunctionalInterface
public interface AlbKeySource {

    /** The P-256 public key for {@code kid}, or why there is none. Never throws for a bad or unknown kid. */
    KeyLookup find(String kid);

    /** Exactly one of a key and a refusal. */
    record KeyLookup(ECPublicKey key, SignInRefusal refusal) {
        public KeyLookup {
            if ((key == null) == (refusal == null)) {
                throw new IllegalArgumentException("a key or a refusal, not both or neither");
            }
        }

        public static KeyLookup found(ECPublicKey key) {
            return new KeyLookup(Objects.requireNonNull(key, "key"), null);
        }

        public static KeyLookup refused(SignInRefusal refusal) {
            return new KeyLookup(null, Objects.requireNonNull(refusal, "refusal"));
        }
    }
}
