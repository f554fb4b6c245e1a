package dev.hmac.tests;

import com.sun.net.httpserver.HttpServer;
import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The deployed REST API as the form sees it through {@code HMAC_API_URL}, faked on loopback (it is remote and
 * needs a key): {@code POST /Prod/verify} answers one verdict of the contract, a timestamp off by five minutes,
 * whatever it is sent; every request is kept.
 */
final class FakeVerifyApi implements AutoCloseable {
    static final String KEY = "form-api-key";
    static final String TIMESTAMP_MESSAGE = "The signature is right for timestamp 1444762378";

    /** One request as it came: the path, its x-api-key, the JSON body. */
    record Request(String path, String apiKey, Map<?, ?> body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeVerifyApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<?, ?> json;
                try {
                    json = (Map<?, ?>) Json.parse(body);
                } catch (JsonException | ClassCastException e) {
                    json = Map.of();
                }
                requests.add(new Request(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("x-api-key"), json));
                boolean verify = exchange.getRequestURI().getPath().equals("/Prod/verify");
                byte[] reply = (verify ? verdict() : "{\"message\":\"Missing Authentication Token\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(verify ? 200 : 403, reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
        });
        server.start();
    }

    private static String verdict() {
        return Json.write(Map.of("match", false, "callback", "https://apoorva.com",
                "clientid", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", "timestamp", "1444762678", "algorithm", "sha384",
                "encoding", "base64", "signature", "c2lnbmF0dXJlLWZyb20tdGhlLWZha2U=",
                "message_to_sign", Map.of("text", "«client secret, 16 characters» + https://apoorva.com + "
                        + "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ + 1444762678", "bytes", 77),
                "explanations", List.of(Map.of("cause", "timestamp", "message", TIMESTAMP_MESSAGE
                        + " (2015-10-13 18:52:58 UTC), 5 minutes before the one given.", "offset_seconds", -300)),
                "complete", true));
    }

    /** What HMAC_API_URL is set to: the deployed /signature, beside which the form finds /verify. */
    String signatureUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/Prod/signature";
    }

    Request last() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
