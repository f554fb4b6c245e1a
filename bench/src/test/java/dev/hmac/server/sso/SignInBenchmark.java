package dev.hmac.server.sso;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The cost of one check of the load balancer's header, warm: a token not seen before (the ECDSA verification; its
 * key already fetched) and the same token again (kept after its first check), alternated round by round. Run by
 * scripts/sso-bench; the figures are in docs/security.md. Not a test.
 */
public final class SignInBenchmark {
    private static final long NOW = 1_760_000_000L;
    private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/hmac/1";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder();

    private SignInBenchmark() {
    }

    public static void main(String[] args) throws GeneralSecurityException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int perRound = 2000;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        AlbKeySource keys = kid -> AlbKeySource.KeyLookup.found((ECPublicKey) key.getPublic());
        Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < perRound; i++) {
            tokens.add(token(key, i));
        }
        double[] fresh = new double[rounds];
        double[] again = new double[rounds];
        for (int round = -3; round < rounds; round++) {
            double f = perCheck(new AlbSignInCheck(ARN, clock, keys), tokens);
            AlbSignInCheck warm = new AlbSignInCheck(ARN, clock, keys);
            warm.check(tokens.get(0));
            double a = perCheck(warm, List.of(tokens.get(0)), perRound);
            if (round >= 0) {
                fresh[round] = f;
                again[round] = a;
                System.out.printf(Locale.ROOT, "round %d: new token %.1f us, same token again %.2f us%n", round, f, a);
            }
        }
        System.out.printf(Locale.ROOT, "%s %s, %d rounds of %d checks: median new token %.1f us, same token again "
                        + "%.2f us, ratio %.0fx%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                rounds, perRound, median(fresh), median(again), median(fresh) / median(again));
    }

    /** As ALB writes one: base64url parts with their padding, ES256 over them as written. */
    private static String token(KeyPair key, int user) throws GeneralSecurityException {
        String header = "{\"typ\":\"JWT\",\"kid\":\"5d2c1a0e-8f3b-4c7d-9e6a-1b2c3d4e5f60\",\"alg\":\"ES256\","
                + "\"iss\":\"https://idp.example.com\",\"client\":\"hmac-form\",\"signer\":\"" + ARN + "\",\"exp\":"
                + (NOW + 600) + "}";
        String claims = "{\"sub\":\"sub-" + user + "\",\"email\":\"user" + user + "@example.com\",\"exp\":"
                + (NOW + 600) + "}";
        String signingInput = BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(key.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    }

    private static double perCheck(AlbSignInCheck check, List<String> tokens) {
        return perCheck(check, tokens, tokens.size());
    }

    private static double perCheck(AlbSignInCheck check, List<String> tokens, int checks) {
        long start = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            if (!(check.check(tokens.get(i % tokens.size())) instanceof SignIn.SignedIn)) {
                throw new AssertionError("refused");
            }
        }
        return (System.nanoTime() - start) / 1000.0 / checks;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
