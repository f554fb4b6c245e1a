package dev.hmac.bot.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.aws.testing.LoopbackTls;
import dev.hmac.bot.SlackSignatureCheck;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class PrimingTest {
    @TempDir
    static Path certificates;
    private static LoopbackTls tls;

    @BeforeAll
    static void certificate() throws Exception {
        tls = LoopbackTls.create(certificates, Path.of(System.getProperty("java.home")));
    }

    @Test
    void snapStartAndProvisionedInits_arePrimed_onDemandOnesAreNot() {
        assertTrue(Priming.aheadOfTraffic(Map.of(Priming.INITIALIZATION_TYPE, "snap-start")));
        assertTrue(Priming.aheadOfTraffic(Map.of(Priming.INITIALIZATION_TYPE, "provisioned-concurrency")));
        assertFalse(Priming.aheadOfTraffic(Map.of(Priming.INITIALIZATION_TYPE, "on-demand")));
        assertFalse(Priming.aheadOfTraffic(Map.of()));
    }

    @Test
    void helpEvent_isSignedAsSlackSignsRequests() throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

        Map<?, ?> event = (Map<?, ?>) Json.parse(
                new String(new Priming(SlackRequests.SIGNING_SECRET, clock).helpEvent(), StandardCharsets.UTF_8));

        Map<?, ?> headers = (Map<?, ?>) event.get("headers");
        String body = (String) event.get("body");
        assertTrue(body.contains("command=%2Fhmac&text=help"), body);
        assertEquals(SlackRequests.sign(body, 1_700_000_000L).signature(), headers.get(SlackSignatureCheck.SIGNATURE_HEADER));
        assertEquals(SlackSignatureCheck.Outcome.VALID, new SlackSignatureCheck(SlackRequests.SIGNING_SECRET, clock)
                .verify((String) headers.get(SlackSignatureCheck.TIMESTAMP_HEADER),
                        (String) headers.get(SlackSignatureCheck.SIGNATURE_HEADER), body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Timeout(30)
    void handshake_completesTls_sendsNoRequest_andLeavesNoSessionToResume() throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) tls.serverContext().getServerSocketFactory()
                .createServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            // TLS 1.2: the client caches a session at the end of the handshake, so there is one to forget.
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            CompletableFuture<Integer> firstRead = CompletableFuture.supplyAsync(() -> acceptTwice(server));
            try (SSLSocket earlier = (SSLSocket) tls.clientContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                earlier.startHandshake();
            }
            assertFalse(Collections.list(tls.clientContext().getClientSessionContext().getIds()).isEmpty(),
                    "a handshake leaves a session in the client's cache");

            assertTrue(Priming.handshake("https://127.0.0.1:" + server.getLocalPort() + "/api/", tls.clientContext()));

            assertEquals(-1, firstRead.get(20, TimeUnit.SECONDS), "the connection closed with no request sent");
            assertTrue(Collections.list(tls.clientContext().getClientSessionContext().getIds()).isEmpty(),
                    "no session left to resume after a restore");
        }
    }

    @Test
    void handshake_overPlainHttp_doesNothing() throws Exception {
        assertFalse(Priming.handshake("http://127.0.0.1:9/api/", javax.net.ssl.SSLContext.getDefault()));
    }

    @Test
    @Timeout(30)
    void handshake_withAnUnreachableHost_fails_forTheCallerToLog() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThrows(IOException.class, () -> Priming.handshake("https://127.0.0.1:" + closed + "/api/", tls.clientContext()));
    }

    /** Accepts the earlier connection, then the priming one: completes its handshake and reads what comes. */
    private static int acceptTwice(SSLServerSocket server) {
        try {
            try (SSLSocket earlier = (SSLSocket) server.accept()) {
                earlier.startHandshake();
                earlier.getInputStream().read();
            }
            try (SSLSocket primed = (SSLSocket) server.accept()) {
                primed.startHandshake();
                InputStream in = primed.getInputStream();
                return in.read();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
