package dev.hmac.tests.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hmac.core.testing.LoopbackServers;
import dev.hmac.tests.ServerProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGTERM, as ECS stops a task: the request in flight finishes, then the server exits. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class GracefulStopIT {

    @Test
    void sigterm_letsTheRequestInFlightFinish_thenExits() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        // The deployed API behind the form, slow to answer (3 s) but well inside the form's 10 s.
        HttpServer slowApi = LoopbackServers.start(LoopbackServers.create(), "slow-api", 2, exchange -> {
            exchange.getRequestBody().readAllBytes();
            asked.countDown();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoopbackServers.send(exchange, 200, "{\"callback\":\"https://apoorva.com\",\"clientid\":\"id\","
                    + "\"timestamp\":\"1444762678\",\"signature\":\"c2lnbmF0dXJl\"}");
        });
        try {
            ServerProcess server = ServerProcess.start(Map.of("HMAC_API_URL",
                    "http://127.0.0.1:" + slowApi.getAddress().getPort() + "/signature"));
            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(server.uri()).header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("Callback=https%3A%2F%2Fapoorva.com&ClientID=id&ClientSecret=s")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(asked.await(10, TimeUnit.SECONDS), "the form asked the API");

            List<String> output = server.stop(); // SIGTERM, then waits for the exit

            HttpResponse<String> page = inFlight.get(1, TimeUnit.SECONDS);
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("c2lnbmF0dXJl"), page.body());
            assertTrue(output.stream().anyMatch(line -> line.contains("Stopping: no new connections")), output.toString());
            assertTrue(output.stream().anyMatch(line -> line.contains("POST / 200")), output.toString());
            assertTrue(output.stream().anyMatch(line -> line.contains("Stopped")), output.toString());
        } finally {
            slowApi.stop(0);
        }
    }
}
