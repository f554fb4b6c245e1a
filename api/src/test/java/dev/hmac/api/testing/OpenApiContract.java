package dev.hmac.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The REST contract, {@code api/openapi.yaml}: an answer is checked against what the document says for its path,
 * method and status (an operation's response, else its {@code default}; another method or path: the document's
 * {@code x-other-requests}). Its body must validate against that response's schema (OpenAPI 3.0's JSON Schema
 * dialect), and its required headers must be there with their documented value.
 *
 * <p>The document is a test resource of this module ({@code classpath:contract/openapi.yaml}), copied from the
 * file itself at build time.
 */
public final class OpenApiContract {
    private static final String DOCUMENT = "contract/openapi.yaml";
    private static final String JSON = "application/json";
    private static final Map<String, Object> TREE = read();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getOpenApi30());
    private static final Map<String, Schema> BY_POINTER = new ConcurrentHashMap<>();

    private OpenApiContract() {
    }

    /**
     * Fails unless the answer is one the document describes.
     *
     * @param headers the answer's headers, by name in any case
     * @param body the body as sent (ignored for HEAD, which has none)
     */
    public static void assertAnswer(String method, String path, int status, Map<String, String> headers, String body) {
        String pointer = responsePointer(method, path, status);
        String what = method + " " + path + " " + status + " (" + pointer + ")";
        Map<String, Object> response = map(resolve(pointer));
        Map<String, String> lowercase = new HashMap<>();
        headers.forEach((name, value) -> lowercase.put(name.toLowerCase(Locale.ROOT), value));
        String type = lowercase.get("content-type");
        assertTrue(type != null && type.startsWith(JSON), what + ": Content-Type " + type);
        assertTrue(map(response.get("content")).containsKey(JSON), what + ": the document has no JSON body here");
        if (response.get("headers") != null) {
            map(response.get("headers")).forEach((name, declared) -> {
                Map<String, Object> header = map(resolve(declared));
                if (Boolean.TRUE.equals(header.get("required"))) {
                    String value = lowercase.get(name.toLowerCase(Locale.ROOT));
                    assertTrue(value != null, what + ": header " + name + " is missing");
                    Object values = map(header.get("schema")).get("enum");
                    if (values != null) {
                        assertTrue(((List<?>) values).contains(value), what + ": " + name + ": " + value);
                    }
                }
            });
        }
        if (!"HEAD".equals(method)) {
            assertBody(realPointer(pointer) + "/content/application~1json/schema", body, what);
        }
    }

    /** The same for an answer of the JDK's HTTP client, to the request it was sent for. */
    public static void assertAnswer(HttpResponse<String> response) {
        Map<String, String> headers = new HashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
        assertAnswer(response.request().method(), response.uri().getPath(), response.statusCode(), headers,
                response.body());
    }

    /** Fails unless the body validates against the schema at this JSON pointer into the document. */
    public static void assertBody(String schemaPointer, String body, String what) {
        Schema schema = BY_POINTER.computeIfAbsent(schemaPointer,
                pointer -> SCHEMAS.getSchema(SchemaLocation.of("classpath:" + DOCUMENT + "#" + pointer)));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), what + ": " + body);
    }

    /** The document, parsed: for tests that compare it with another copy (the template's models). */
    public static Map<String, Object> document() {
        return TREE;
    }

    /** Where the document describes this answer: a JSON pointer to a response object (or to a $ref to one). */
    static String responsePointer(String method, String path, int status) {
        Map<String, Object> paths = map(TREE.get("paths"));
        if (!paths.containsKey(path)) {
            assertEquals(404, status, method + " " + path + ": not a path of the document");
            return "/x-other-requests/another-path";
        }
        String operation = method.toLowerCase(Locale.ROOT);
        if (!map(paths.get(path)).containsKey(operation)) {
            assertEquals(405, status, method + " " + path + ": not an operation of the document");
            return "/x-other-requests/another-method";
        }
        String base = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + operation + "/responses/";
        Map<String, Object> responses = map(map(map(paths.get(path)).get(operation)).get("responses"));
        if (responses.containsKey(Integer.toString(status))) {
            return base + status;
        }
        if (responses.containsKey("default")) {
            return base + "default";
        }
        return fail(method + " " + path + ": the document has no response " + status);
    }

    /** The pointer itself, or where its $ref points. */
    private static String realPointer(String pointer) {
        Object node = at(pointer);
        if (node instanceof Map<?, ?> object && object.get("$ref") instanceof String ref) {
            return realPointer(ref.substring(1));
        }
        return pointer;
    }

    private static Object resolve(Object node) {
        if (node instanceof String pointer) {
            return resolve(at(pointer));
        }
        if (node instanceof Map<?, ?> object && object.get("$ref") instanceof String ref) {
            return resolve(at(ref.substring(1)));
        }
        return node;
    }

    private static Object at(String pointer) {
        Object node = TREE;
        for (String part : pointer.substring(1).split("/")) {
            node = map(node).get(part.replace("~1", "/").replace("~0", "~"));
            if (node == null) {
                fail("the document has nothing at " + pointer);
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> read() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the classpath");
            }
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
