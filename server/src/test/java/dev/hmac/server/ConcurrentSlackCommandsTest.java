package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hmac.bot.testing.FakeSlack;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A team typing /hmac at once: the real server on port 0, with the fake Slack Web API on loopback. */
class ConcurrentSlackCommandsTest {
    private static final int PEOPLE = 50;

    private FakeSlack slack;
    private HmacServer server;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        server = HmacServer.start(ServerConfig.defaults().withPort(0).withSlack(slack.botConfig()));
    }

    @AfterEach
    void stop() {
        server.close();
        slack.close();
    }

    @Test
    void fiftyConcurrentCommands_allGet200AndOpenFiftyModals() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService people = Executors.newFixedThreadPool(PEOPLE);
        CountDownLatch ready = new CountDownLatch(PEOPLE);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < PEOPLE; i++) {
                String trigger = "trigger-" + i;
                SlackRequests.Signed signed = SlackRequests.sign(
                        SlackRequests.slashCommand("", slack.responseUrl(Integer.toString(i)), trigger), SlackRequests.now());
                HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve("/slack/events"))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(signed.body()));
                signed.headers().forEach(request::header);
                statuses.add(people.submit(() -> {
                    ready.countDown();
                    go.await();
                    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                }));
            }
            ready.await();
            go.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get());
            }
        } finally {
            people.shutdownNow();
        }

        List<FakeSlack.Call> opened = slack.await("/api/views.open", PEOPLE, Duration.ofSeconds(30));
        Set<String> triggers = new TreeSet<>();
        for (FakeSlack.Call call : opened) {
            triggers.add((String) ((Map<?, ?>) Json.parse(call.body())).get("trigger_id"));
        }
        assertEquals(PEOPLE, opened.size());
        assertEquals(PEOPLE, triggers.size(), "one modal per command");
    }
}
