package dev.hmac.tests.canary;

import dev.hmac.api.RestApi;
import dev.hmac.api.testing.OpenApiContract;
import dev.hmac.core.testing.Canary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP calls to the server jar, each answer checked for the canary in its body and its headers. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).GET(), "GET " + uri);
    }

    /** A request with this method and no body. */
    static HttpResponse<String> method(URI uri, String method) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()), method + " " + uri);
    }

    static HttpResponse<String> post(URI uri, String contentType, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return post(uri, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static HttpResponse<String> post(URI uri, String contentType, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        return send(builder, "POST " + uri);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String what)
            throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Canary.assertAbsent("the answer to " + what + " (status " + response.statusCode() + ")", response.body());
        response.headers().map().forEach((name, values) -> Canary.assertAbsent("the header " + name, values));
        if (RestApi.isPath(response.uri().getPath())) {
            OpenApiContract.assertAnswer(response);
        }
        return response;
    }

    /** The x-www-form-urlencoded encoding of one value. */
    static String form(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
