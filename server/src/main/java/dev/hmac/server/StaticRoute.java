package dev.hmac.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** One bundled asset (the form's stylesheet or script), read once at start-up. */
final class StaticRoute implements Route {
    private final Answer asset;

    StaticRoute(String resource, String contentType) {
        try (InputStream in = StaticRoute.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            this.asset = new Answer(200, contentType, in.readAllBytes(), Map.of("Cache-Control", "public, max-age=300"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Answer answer(RequestHead head) {
        if (!"GET".equals(head.method()) && !"HEAD".equals(head.method())) {
            return Answer.of(405, Answer.TEXT, "Method not allowed", Map.of("Allow", "GET, HEAD"));
        }
        return asset;
    }
}
