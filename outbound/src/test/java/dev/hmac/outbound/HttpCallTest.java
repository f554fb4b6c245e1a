package dev.hmac.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hmac.core.testing.HostileUpstream;
import dev.hmac.core.testing.LoopbackServers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls to a real server on loopback that answers by path, and to upstreams that answer badly. */
class HttpCallTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServers.start(LoopbackServers.create(), "http-call-test", 2, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            switch (exchange.getRequestURI().getPath()) {
                case "/ok" -> LoopbackServers.send(exchange, 200, "{\"ok\":true}");
                case "/refused" -> LoopbackServers.send(exchange, 403, "{\"error\":\"forbidden\"}");
                case "/big" -> LoopbackServers.send(exchange, 200, "x".repeat(2048));
                case "/moved" -> {
                    exchange.getResponseHeaders().set("Location", "/ok");
                    LoopbackServers.send(exchange, 302, "moved");
                }
                default -> LoopbackServers.send(exchange, 404, "not found");
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void post_sendsTheBodyAndHeaders_andReadsTheAnswer() throws Exception {
        HttpCall.Reply reply = HttpCall.to(uri("/ok")).header("Authorization", "Bearer t")
                .post("application/json; charset=utf-8", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertEquals(new HttpCall.Reply(200, "{\"ok\":true}"), reply);
        assertEquals(List.of("POST /ok application/json; charset=utf-8 Bearer t {\"a\":1}"), seen);
    }

    @Test
    void errorStatus_comesWithItsBody() throws Exception {
        assertEquals(new HttpCall.Reply(403, "{\"error\":\"forbidden\"}"), HttpCall.to(uri("/refused")).direct().get());
    }

    @Test
    void redirect_isAnsweredNotFollowed() throws Exception {
        assertEquals(302, HttpCall.to(uri("/moved")).closeAfter().get().status());
        assertEquals(1, seen.size());
    }

    @Test
    void replyOverTheLimit_fails() {
        assertThrows(HttpCall.ReplyTooLarge.class, () -> HttpCall.to(uri("/big")).maxReplyBytes(1024).get());
    }

    @Test
    void nobodyListening_failsAsIo() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);

        assertThrows(java.io.IOException.class, () -> HttpCall.to(URI.create("http://127.0.0.1:" + port + "/ok"))
                .deadline(Duration.ofMillis(500)).get());
    }

    @Test
    void drippingAnswer_isCutAtTheDeadline_notAfterEachByte() throws Exception {
        // The whole answer would take 15 s, and no single read waits even 200 ms.
        try (HostileUpstream upstream = HostileUpstream.start(HostileUpstream.Behaviour.DRIP)) {
            long start = System.nanoTime();
            assertThrows(HttpCall.DeadlineExceeded.class, () -> HttpCall.to(upstream.uri("/api/views.open"))
                    .deadline(Duration.ofSeconds(1)).post("application/json", "{}".getBytes(StandardCharsets.UTF_8)));
            assertAnsweredWithin(start, Duration.ofSeconds(3));
        }
    }

    @Test
    void answerThatHangsAfterItsHeaders_isCutAtTheDeadline() throws Exception {
        try (HostileUpstream upstream = HostileUpstream.start(HostileUpstream.Behaviour.HANG)) {
            long start = System.nanoTime();
            assertThrows(HttpCall.DeadlineExceeded.class, () -> HttpCall.to(upstream.uri("/signature"))
                    .deadline(Duration.ofSeconds(1)).get());
            assertAnsweredWithin(start, Duration.ofSeconds(3));
        }
    }

    @Test
    void hugeAnswer_isCutAtTheCapWhileItStreams() throws Exception {
        try (HostileUpstream upstream = HostileUpstream.start(HostileUpstream.Behaviour.HUGE)) {
            assertThrows(HttpCall.ReplyTooLarge.class, () -> HttpCall.to(upstream.uri("/signature"))
                    .maxReplyBytes(64 * 1024).deadline(Duration.ofSeconds(10)).get());
            Thread.sleep(200);
            // What the socket buffers took, not 300 MB: the caller stopped reading at the cap and hung up.
            assertTrue(upstream.bytesSent() < 64L * 1024 * 1024, upstream.bytesSent() + " bytes sent");
        }
    }

    @Test
    void declaredLengthOverTheCap_isRefusedBeforeReading() throws Exception {
        try (HostileUpstream upstream = HostileUpstream.start(HostileUpstream.Behaviour.HUGE_DECLARED)) {
            assertThrows(HttpCall.ReplyTooLarge.class, () -> HttpCall.to(upstream.uri("/signature"))
                    .maxReplyBytes(64 * 1024).get());
        }
    }

    private static void assertAnsweredWithin(long start, Duration bound) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "answered after " + took.toMillis() + " ms");
    }
}
