package dev.hmac.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** One fixed answer to GET and HEAD: a bundled asset (the form's stylesheet, script or icon), or a page made once. */
final class StaticRoute implements Route {
    /** Short enough that a new stylesheet or script reaches every browser within minutes of a deployment. */
    static final Duration SCRIPT_AND_STYLE_MAX_AGE = Duration.ofMinutes(5);

    private final Supplier<Answer> make;
    private volatile Answer asset;

    /** A bundled stylesheet or script, read at start-up. */
    StaticRoute(String resource, String contentType) {
        this(resource, contentType, SCRIPT_AND_STYLE_MAX_AGE);
    }

    /** A bundled asset, read at start-up, cached by browsers for {@code maxAge}. */
    StaticRoute(String resource, String contentType, Duration maxAge) {
        try (InputStream in = StaticRoute.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            this.asset = new Answer(200, contentType, in.readAllBytes(),
                    Map.of("Cache-Control", "public, max-age=" + maxAge.toSeconds()));
            this.make = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StaticRoute(Supplier<Answer> make) {
        this.make = make;
    }

    /** An answer made on the first request for it, then kept. */
    static StaticRoute lazy(Supplier<Answer> make) {
        return new StaticRoute(make);
    }

    @Override
    public Answer answer(RequestHead head) {
        if (!"GET".equals(head.method()) && !"HEAD".equals(head.method())) {
            return Answer.of(405, Answer.TEXT, "Method not allowed", Map.of("Allow", "GET, HEAD"));
        }
        Answer answer = asset;
        if (answer == null) {
            // Two first requests at once may both make it: the same answer, kept once.
            answer = make.get();
            asset = answer;
        }
        return answer;
    }
}
