package dev.hmac.server.sso;

import static dev.hmac.server.sso.AlbTokens.ARN;
import static dev.hmac.server.sso.AlbTokens.KID;
import static dev.hmac.server.sso.AlbTokens.claims;
import static dev.hmac.server.sso.AlbTokens.header;
import static dev.hmac.server.sso.AlbTokens.sign;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hmac.server.sso.AlbKeySource.KeyLookup;
import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fetching and keeping ALB's keys against a key server on loopback that behaves, and one that does not. */
@Timeout(60)
class AlbPublicKeysTest {
    private static final KeyPair ALB_KEY = AlbTokens.p256();
    private static final Instant NOW = Instant.ofEpochSecond(1_760_000_000L);
    private static final AlbPublicKeys.Limits FAST = new AlbPublicKeys.Limits(Duration.ofSeconds(2), 4096, 4, 8,
            Duration.ofMinutes(1), 10);

    private final TestClock clock = new TestClock(NOW);
    private AlbKeyServer keyServer;
    private AlbPublicKeys keys;

    @BeforeEach
    void start() throws Exception {
        keyServer = new AlbKeyServer().key(KID, ALB_KEY.getPublic());
        keys = new AlbPublicKeys(keyServer.baseUrl(), clock, FAST);
    }

    @AfterEach
    void stop() {
        keyServer.close();
    }

    @Test
    void knownKid_isFetchedOnceForManyRequests() {
        AlbSignInCheck check = new AlbSignInCheck(ARN, clock, keys);
        String token = sign(ALB_KEY.getPrivate(), header(KID, NOW.getEpochSecond() + 600), claims("p@e.com", "s"), true);

        for (int i = 0; i < 50; i++) {
            assertEquals(new SignIn.SignedIn("p@e.com"), check.check(token));
            clock.advance(Duration.ofSeconds(10));
        }

        assertEquals(List.of("/" + KID), keyServer.paths());
    }

    @Test
    void kidAskedByManyAtOnce_isFetchedOnce() throws Exception {
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<KeyLookup>> lookups = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                lookups.add(pool.submit(() -> {
                    go.await();
                    return keys.find(KID);
                }));
            }
            go.countDown();
            for (Future<KeyLookup> lookup : lookups) {
                assertEquals(ALB_KEY.getPublic(), lookup.get().key());
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(List.of("/" + KID), keyServer.paths());
    }

    @Test
    void unknownKid_isNotAskedAgainForAMinute() {
        String kid = UUID.randomUUID().toString();

        for (int i = 0; i < 20; i++) {
            assertEquals(KeyLookup.refused(SignInRefusal.UNKNOWN_KEY), keys.find(kid));
        }
        assertEquals(1, keyServer.paths().size());

        clock.advance(Duration.ofMinutes(1));
        keyServer.key(kid, ALB_KEY.getPublic());

        assertEquals(ALB_KEY.getPublic(), keys.find(kid).key());
        assertEquals(2, keyServer.paths().size());
    }

    @Test
    void forbiddenKid_isAnUnknownKey() {
        keyServer.status("403-kid", 403);

        assertEquals(KeyLookup.refused(SignInRefusal.UNKNOWN_KEY), keys.find("403-kid"));
    }

    @Test
    void manyKidsNotYetKnown_areFetchedAtMostTenAMinute() {
        AlbPublicKeys defaults = new AlbPublicKeys(keyServer.baseUrl(), clock, AlbPublicKeys.Limits.DEFAULT);
        List<SignInRefusal> refusals = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            refusals.add(defaults.find(UUID.randomUUID().toString()).refusal());
        }

        assertEquals(10, keyServer.paths().size());
        assertEquals(10, refusals.stream().filter(SignInRefusal.UNKNOWN_KEY::equals).count());
        assertEquals(20, refusals.stream().filter(SignInRefusal.KEY_FETCHES_LIMITED::equals).count());

        clock.advance(Duration.ofMinutes(1));

        assertEquals(ALB_KEY.getPublic(), defaults.find(KID).key());
    }

    @Test
    void knownKid_isStillServedWhileFetchesAreLimited() {
        assertEquals(ALB_KEY.getPublic(), keys.find(KID).key());
        for (int i = 0; i < 20; i++) {
            keys.find(UUID.randomUUID().toString());
        }

        assertEquals(ALB_KEY.getPublic(), keys.find(KID).key());
        assertEquals(SignInRefusal.KEY_FETCHES_LIMITED, keys.find(UUID.randomUUID().toString()).refusal());
    }

    @Test
    void keysBeyondTheCachesBound_areFetchedAgain() {
        List<String> kids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String kid = "kid-" + i;
            keyServer.key(kid, ALB_KEY.getPublic());
            kids.add(kid);
            assertEquals(ALB_KEY.getPublic(), keys.find(kid).key());
        }

        keys.find("kid-0");
        keys.find("kid-4");

        // Four kept (FAST's bound): the eldest was dropped and fetched again, the newest was not.
        assertEquals(6, keyServer.paths().size());
        assertEquals("/kid-0", keyServer.paths().get(5));
    }

    @Test
    void stalledKeyServer_isAnUnavailableKey() {
        keyServer.stall("stalled");

        assertEquals(KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE), keys.find("stalled"));
        // Not asked again at once: a stalled server is not asked for every request.
        assertEquals(KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE), keys.find("stalled"));
        assertEquals(1, keyServer.paths().size());
    }

    @Test
    void hugeAnswer_isAnUnavailableKey_readNoFurtherThanItsBound() {
        keyServer.huge("huge");

        assertEquals(KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE), keys.find("huge"));
    }

    @Test
    void serverError_isAnUnavailableKey() {
        keyServer.status("busy", 503);

        assertEquals(KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE), keys.find("busy"));
    }

    @Test
    void answerThatIsNotAP256Key_isAnUnavailableKey() throws Exception {
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        keyServer.body("text", "<html>maintenance</html>")
                .key("p384", p384.generateKeyPair().getPublic())
                .key("rsa", rsa.generateKeyPair().getPublic())
                .body("truncated", AlbKeyServer.pem(ALB_KEY.getPublic()).substring(0, 100));

        for (String kid : List.of("text", "p384", "rsa", "truncated")) {
            assertEquals(KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE), keys.find(kid), kid);
        }
    }

    @Test
    void noKeyServerListening_isAnUnavailableKey() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        AlbPublicKeys nowhere = new AlbPublicKeys(URI.create("http://127.0.0.1:" + port + "/"), clock, FAST);

        assertEquals(KeyLookup.refused(SignInRefusal.KEY_UNAVAILABLE), nowhere.find(KID));
    }

    @Test
    void badKid_isNeverFetched() {
        for (String kid : new String[] {null, "", "../" + KID, "a".repeat(65), "a/b", "a\nb"}) {
            assertEquals(KeyLookup.refused(SignInRefusal.BAD_KEY_ID), keys.find(kid));
        }
        assertEquals(SignInRefusal.UNKNOWN_KEY, keys.find("a".repeat(64)).refusal());
        assertEquals(List.of("/" + "a".repeat(64)), keyServer.paths());
    }

    @Test
    void baseUrlWithoutTrailingSlash_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AlbPublicKeys(URI.create("https://keys.example.com/k")));
        assertDoesNotThrow(() -> new AlbPublicKeys(URI.create("https://keys.example.com/k/")));
    }
}
