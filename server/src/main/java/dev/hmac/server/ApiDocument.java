package dev.hmac.server;

import dev.hmac.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The REST contract, {@code api/openapi.yaml} (bundled in the jar), served three ways: as written
 * ({@code GET /openapi.yaml}), as JSON ({@code GET /openapi.json}) and as a page without script ({@code GET /api}).
 * Each is made on its first request: a server that is never asked does not parse the document.
 */
final class ApiDocument {
    static final String YAML_PATH = "/openapi.yaml";
    static final String JSON_PATH = "/openapi.json";
    static final String PAGE_PATH = "/api";
    private static final String RESOURCE = "/api/openapi.yaml";
    private static final Map<String, String> HEADERS = Map.of("Cache-Control", "public, max-age=300");

    private final byte[] yaml;
    private final Map<String, Object> tree;

    private ApiDocument(byte[] yaml) {
        this.yaml = yaml;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        this.tree = new Yaml(new SafeConstructor(options)).load(new String(yaml, StandardCharsets.UTF_8));
    }

    /** Read and parsed on first use, once for the three renderings; its cost: docs/rest-api.md. */
    private static final class Bundled {
        static final ApiDocument DOCUMENT = read();
    }

    /** The routes of the three renderings, each made on first use. */
    static Map<String, Route> routes() {
        return Map.of(
                YAML_PATH, StaticRoute.lazy(() -> new Answer(200, "application/yaml; charset=utf-8", Bundled.DOCUMENT.yaml,
                        HEADERS)),
                JSON_PATH, StaticRoute.lazy(() -> Answer.of(200, Answer.JSON, pretty(Bundled.DOCUMENT.tree), HEADERS)),
                PAGE_PATH, StaticRoute.lazy(() -> Answer.of(200, Answer.HTML, ApiPage.render(Bundled.DOCUMENT.tree),
                        ApiPage.HEADERS)));
    }

    private static ApiDocument read() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new ApiDocument(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON indented by two spaces, members in the document's order. */
    static String pretty(Object value) {
        StringBuilder out = new StringBuilder(4096);
        pretty(out, value, "");
        return out.append('\n').toString();
    }

    private static void pretty(StringBuilder out, Object value, String indent) {
        if (value instanceof Map<?, ?> object && !object.isEmpty()) {
            out.append("{\n");
            int left = object.size();
            for (Map.Entry<?, ?> member : object.entrySet()) {
                out.append(indent).append("  ");
                Json.quote(out, String.valueOf(member.getKey()), false);
                out.append(": ");
                pretty(out, member.getValue(), indent + "  ");
                out.append(--left > 0 ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> array && !array.isEmpty()) {
            out.append("[\n");
            int left = array.size();
            for (Object item : array) {
                out.append(indent).append("  ");
                pretty(out, item, indent + "  ");
                out.append(--left > 0 ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof String text) {
            Json.quote(out, text, false);
        } else {
            out.append(Json.write(value));
        }
    }
}
