package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.BotConfig;
import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local server with SLACK_APP_TOKEN: it asks the (fake) Web API for a Socket Mode URL, connects to a
 * WebSocket server standing in for Slack's, and handles the envelopes Slack would send.
 */
class SocketModeTest {
    private static final String SECRET = "S6meLXlUY00YVML3";

    private FakeSlack slack;
    private FakeSocketModeServer socket;
    private HmacServer server;

    /** Slack's Socket Mode endpoint: says hello, sends envelopes, collects the acknowledgements. */
    static final class FakeSocketModeServer extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch connected = new CountDownLatch(1);
        final BlockingQueue<String> acks = new LinkedBlockingQueue<>();
        volatile WebSocket client;

        FakeSocketModeServer() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            client = conn;
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0001\"}}");
            connected.countDown();
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            acks.add(message);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        void envelope(String id, String type, Object payload) {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("envelope_id", id);
            envelope.put("type", type);
            envelope.put("accepts_response_payload", true);
            envelope.put("payload", payload);
            client.send(Json.write(envelope));
        }

        Map<?, ?> ack(String id) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String message = acks.poll(100, TimeUnit.MILLISECONDS);
                if (message != null) {
                    Map<?, ?> ack = (Map<?, ?>) Json.parse(message);
                    if (id.equals(ack.get("envelope_id"))) {
                        return ack;
                    }
                }
            }
            throw new AssertionError("no acknowledgement for " + id);
        }
    }

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        socket = new FakeSocketModeServer();
        socket.start();
        assertTrue(socket.started.await(10, TimeUnit.SECONDS));
        slack.reply("apps.connections.open", "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + socket.getPort() + "/link\"}");
        server = HmacServer.start(ServerConfig.defaults().withPort(0).withSlack(new BotConfig("", SlackRequests.BOT_TOKEN,
                slack.apiUrl(), Optional.of("xapp-1-test"))));
        assertTrue(socket.connected.await(10, TimeUnit.SECONDS), "the server did not connect over Socket Mode");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        socket.stop(1000);
        slack.close();
    }

    /** A slash command's fields as a Socket Mode payload: the same fields as the HTTP form, as JSON. */
    private Map<String, Object> command(String text) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (String pair : SlackRequests.slashCommand(text, slack.responseUrl("9"), "3333.4444.trigger").split("&")) {
            String[] kv = pair.split("=", 2);
            payload.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return payload;
    }

    @Test
    void appsConnectionsOpen_usesTheAppToken() {
        FakeSlack.Call open = slack.methodCalls("apps.connections.open").get(0);
        assertEquals("Bearer xapp-1-test", open.header("Authorization"));
    }

    @Test
    void hmacOverSocketMode_opensTheModalAndAcknowledges() throws Exception {
        socket.envelope("e1", "slash_commands", command(""));

        assertEquals("e1", socket.ack("e1").get("envelope_id"));
        List<FakeSlack.Call> opens = slack.await("/api/views.open", 1, Duration.ofSeconds(10));
        Map<?, ?> body = (Map<?, ?>) Json.parse(opens.get(0).body());
        assertEquals("3333.4444.trigger", body.get("trigger_id"));
        assertEquals("Bearer " + SlackRequests.BOT_TOKEN, opens.get(0).header("Authorization"));
    }

    @Test
    void submissionOverSocketMode_repliesThroughTheResponseUrl() throws Exception {
        Object payload = SlackRequests.viewSubmissionPayload(SlackRequests.vectorValues(),
                new PrivateMetadata(slack.responseUrl("9"), "C0001").toJson());

        socket.envelope("e2", "interactive", payload);

        socket.ack("e2");
        List<FakeSlack.Call> posts = slack.await("/commands/", 1, Duration.ofSeconds(10));
        assertTrue(posts.get(0).body().contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="));
        assertFalse(posts.get(0).body().contains(SECRET));
    }

    @Test
    void invalidSubmissionOverSocketMode_acksWithFieldErrors() throws Exception {
        Object payload = SlackRequests.viewSubmissionPayload(
                SlackRequests.modalValues("apoorva.com", "id", SECRET, null), "{}");

        socket.envelope("e3", "interactive", payload);

        Map<?, ?> ack = socket.ack("e3");
        Map<?, ?> response = (Map<?, ?>) ack.get("payload");
        assertEquals("errors", response.get("response_action"));
        assertTrue(((Map<?, ?>) response.get("errors")).containsKey("callback"));
    }
}
