package dev.hmac.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** One bundled asset (the form's stylesheet, script or icon), read once at start-up. */
final class StaticRoute implements Route {
    /** Short enough that a new stylesheet or script reaches every browser within minutes of a deployment. */
    static final Duration SCRIPT_AND_STYLE_MAX_AGE = Duration.ofMinutes(5);

    private final Answer asset;

    StaticRoute(String resource, String contentType) {
        this(resource, contentType, SCRIPT_AND_STYLE_MAX_AGE);
    }

    StaticRoute(String resource, String contentType, Duration maxAge) {
        try (InputStream in = StaticRoute.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            this.asset = new Answer(200, contentType, in.readAllBytes(), Map.of("Cache-Control", "public, max-age=" + maxAge.toSeconds()));
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
