package dev.hmac.tests.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.tests.ServerProcess;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server jar as a user starts it, against what slow and hostile clients do (64 at once, on loopback): each
 * kind is dropped within its bound while {@code /healthz}, probed from 127.0.0.2 meanwhile, keeps answering; no
 * request shape leaves bytes behind that are read as a request; and each of these gets an access-log line.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileClientsIT {
    private static final int CLIENTS = 64;

    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void slowHeaders_areDroppedAfter5s_andHealthzKeepsAnswering() throws Exception {
        HostileClients.SlowOutcome outcome = HostileClients.slow(server.uri(), HostileClients.Slow.HEADERS, CLIENTS,
                Duration.ofSeconds(20));

        assertEquals(CLIENTS, outcome.dropped(), outcome.toString());
        assertEveryProbeAnswered(outcome);
        assertLogged(line -> line.contains("- - 408") && line.contains("request line and headers took longer than 5 s"));
    }

    @Test
    void slowBodies_areDroppedAtTheMinimumRate_andHealthzKeepsAnswering() throws Exception {
        HostileClients.SlowOutcome outcome = HostileClients.slow(server.uri(), HostileClients.Slow.BODY, CLIENTS,
                Duration.ofSeconds(20));

        assertEquals(CLIENTS, outcome.dropped(), outcome.toString());
        assertEveryProbeAnswered(outcome);
        assertLogged(line -> line.contains("POST /signature 408"));
    }

    @Test
    void readersThatNeverRead_areDroppedAfter10s_andHealthzKeepsAnswering() throws Exception {
        HostileClients.SlowOutcome outcome = HostileClients.slow(server.uri(), HostileClients.Slow.READER, CLIENTS,
                Duration.ofSeconds(40));

        assertEquals(CLIENTS, outcome.dropped(), outcome.toString());
        assertEveryProbeAnswered(outcome);
        assertLogged(line -> line.contains("GET / 200") && line.contains("answer not taken within 10 s"));
    }

    static List<HostileClients.Shape> desyncShapes() {
        return HostileClients.desyncShapes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("desyncShapes")
    void nothingLeftOnTheConnection_isReadAsARequest(HostileClients.Shape shape) throws Exception {
        assertEquals(shape.expected(), HostileClients.send(server.uri(), shape), shape.name());
    }

    @Test
    void requestsTheServerRefusesItself_getAJsonAnswerAndALogLine() throws Exception {
        String badLine = send("GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        // Past the load balancer's own limit on headers (64 KiB), which the server keeps.
        String hugeHeader = send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(72 * 1024) + "\r\n\r\n");
        StringBuilder many = new StringBuilder("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < 101; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        String manyHeaders = send(many + "\r\n");

        assertTrue(badLine.startsWith("HTTP/1.1 400 ") && badLine.contains("{\"error\":"), badLine);
        assertTrue(hugeHeader.startsWith("HTTP/1.1 431 ") && hugeHeader.contains("{\"error\":"), hugeHeader);
        assertTrue(manyHeaders.startsWith("HTTP/1.1 431 ") && manyHeaders.contains("{\"error\":"), manyHeaders);
        assertLogged(line -> line.contains("- - 400") && line.contains("refused by the server"));
        assertLogged(line -> line.contains("- - 431") && line.contains("the headers are too large"));
        assertLogged(line -> line.contains("GET /healthz 431"));
        for (String line : server.output()) {
            assertTrue(!line.contains("a b c") && !line.contains("aaaa") && !line.contains("X-H1"), line);
        }
    }

    private static void assertEveryProbeAnswered(HostileClients.SlowOutcome outcome) {
        assertTrue(outcome.probes() >= 1, outcome.toString());
        assertEquals(outcome.probes(), outcome.answered(), outcome.toString());
    }

    private static void assertLogged(Predicate<String> line) throws InterruptedException {
        List<String> output = server.awaitOutput(lines -> lines.stream().anyMatch(line), Duration.ofSeconds(10));
        assertTrue(output.stream().anyMatch(line), "no such access-log line in " + output.subList(Math.max(0, output.size() - 20), output.size()));
    }

    private static String send(String request) throws Exception {
        try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
