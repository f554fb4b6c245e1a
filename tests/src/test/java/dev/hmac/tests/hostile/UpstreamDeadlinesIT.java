package dev.hmac.tests.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.PrivateMetadata;
import dev.hmac.bot.testing.SlackRequests;
import dev.hmac.core.testing.HostileUpstream;
import dev.hmac.tests.ServerProcess;
import dev.hmac.tests.deploy.Dockerfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server jar, started with the image's JVM options and a small task's heap, with Slack's Web API and
 * HMAC_API_URL both on an upstream that drips its answer (15 s for all of it), hangs after its headers, or sends
 * 300 MB: the {@code /hmac} ack and the submission's come within Slack's 3 s, the form's page within the 10 s
 * HMAC_API_URL gets, and the server goes on serving.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class UpstreamDeadlinesIT {
    private static final Duration SLACK_PROMISE = Duration.ofSeconds(3);
    /** The 10 s deadline of HMAC_API_URL, and the page's own work. */
    private static final Duration FORM_PROMISE = Duration.ofSeconds(12);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private record Timed(HttpResponse<String> response, Duration took) {
    }

    @ParameterizedTest
    @EnumSource(HostileUpstream.Behaviour.class)
    void slowOrHugeUpstream_costsOnlyTheRequestsThatWaitOnIt_withinTheirDeadlines(HostileUpstream.Behaviour behaviour)
            throws Exception {
        List<String> jvm = new ArrayList<>(Dockerfile.load().entrypoint());
        jvm = new ArrayList<>(jvm.subList(1, jvm.indexOf("-jar")));
        jvm.add("-Xmx96m");
        try (HostileUpstream upstream = HostileUpstream.start(behaviour);
             ServerProcess server = ServerProcess.start(jvm, Map.of(
                     "SLACK_SIGNING_SECRET", SlackRequests.SIGNING_SECRET, "SLACK_BOT_TOKEN", SlackRequests.BOT_TOKEN,
                     "SLACK_API_URL", upstream.uri("/api/").toString(),
                     "HMAC_API_URL", upstream.uri("/signature").toString()))) {
            URI events = server.uri().resolve("/slack/events");
            String responseUrl = upstream.uri("/commands/T0001/1").toString();
            long now = SlackRequests.now();
            // Warm: Bolt's first request loads its classes; /hmac help calls nothing outside.
            assertEquals(200, slack(events, SlackRequests.sign(SlackRequests.slashCommand("help", responseUrl, "0.0.0"), now - 1))
                    .get().response().statusCode());

            CompletableFuture<Timed> command = slack(events, SlackRequests.sign(
                    SlackRequests.slashCommand("", responseUrl, "1111.2222.trigger"), now));
            CompletableFuture<Timed> submission = slack(events, SlackRequests.sign(SlackRequests.viewSubmission(
                    SlackRequests.vectorValues(), new PrivateMetadata(responseUrl, "D0001").toJson()), now));
            CompletableFuture<Timed> form = timed(HttpRequest.newBuilder(server.uri())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Callback=https%3A%2F%2Fapoorva.com&ClientID=id&ClientSecret=s3cr3t")));
            // The check page through the upstream's /verify: the same deadline and cap.
            CompletableFuture<Timed> check = timed(HttpRequest.newBuilder(server.uri().resolve("/check"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("Callback=https%3A%2F%2Fapoorva.com&ClientID=id"
                            + "&ClientSecret=s3cr3t&Signature=c2ln")));

            Timed opened = command.get();
            assertEquals(200, opened.response().statusCode());
            assertTrue(opened.response().body().contains("open the form ("), opened.response().body());
            assertWithin(SLACK_PROMISE, opened, "the /hmac ack");
            Timed submitted = submission.get();
            assertEquals(200, submitted.response().statusCode());
            assertTrue(submitted.response().body().contains("\"response_action\":\"update\""), "the result in the modal instead");
            assertWithin(SLACK_PROMISE, submitted, "the submission's ack");
            Timed page = form.get();
            assertEquals(502, page.response().statusCode());
            assertTrue(page.response().body().contains("The signing service is not reachable right now."));
            assertWithin(FORM_PROMISE, page, "the form's answer");
            Timed checked = check.get();
            assertEquals(502, checked.response().statusCode());
            assertTrue(checked.response().body().contains("The signing service is not reachable right now."));
            assertWithin(FORM_PROMISE, checked, "the check page's answer");

            Timed healthy = timed(HttpRequest.newBuilder(server.uri().resolve("/healthz"))).get();
            assertEquals(200, healthy.response().statusCode());
            List<String> output = server.stop();
            assertFalse(output.stream().anyMatch(line -> line.contains("OutOfMemoryError")), output.toString());
            assertTrue(output.stream().anyMatch(line -> line.contains("POST / 502")), output.toString());
            assertTrue(output.stream().anyMatch(line -> line.contains("POST /check 502")), output.toString());
        }
    }

    private static CompletableFuture<Timed> slack(URI events, SlackRequests.Signed signed) {
        HttpRequest.Builder request = HttpRequest.newBuilder(events).POST(HttpRequest.BodyPublishers.ofString(signed.body()));
        signed.headers().forEach(request::header);
        return timed(request);
    }

    private static CompletableFuture<Timed> timed(HttpRequest.Builder request) {
        long start = System.nanoTime();
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Timed(response, Duration.ofNanos(System.nanoTime() - start)));
    }

    private static void assertWithin(Duration promise, Timed timed, String what) {
        assertTrue(timed.took().compareTo(promise) < 0, what + " came after " + timed.took().toMillis() + " ms");
    }
}
