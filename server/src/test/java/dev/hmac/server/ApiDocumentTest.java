package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.core.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The REST contract as the real server serves it: the document as written, as JSON, and as a page. */
class ApiDocumentTest {
    private static final Path DOCUMENT = Path.of("../api/openapi.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HmacServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HmacServer.start(ServerConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void yaml_isTheDocumentAsWritten_andJsonTheSameDocument() throws Exception {
        HttpResponse<byte[]> yaml = get("/openapi.yaml");
        HttpResponse<byte[]> json = get("/openapi.json");

        assertEquals(200, yaml.statusCode());
        assertEquals("application/yaml; charset=utf-8", yaml.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(Files.readAllBytes(DOCUMENT), yaml.body());
        assertEquals(200, json.statusCode());
        assertEquals("application/json; charset=utf-8", json.headers().firstValue("Content-Type").orElseThrow());
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(DOCUMENT));
        assertEquals(Json.write(tree), Json.write(Json.parse(text(json))));
        assertEquals("nosniff", json.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void page_showsEveryOperationFieldExampleAndSchema_withoutScript_underTheFormsPolicy() throws Exception {
        HttpResponse<byte[]> page = get("/api");
        String html = text(page);

        assertEquals(200, page.statusCode());
        assertEquals(FormPage.CONTENT_SECURITY_POLICY, page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertFalse(html.contains("<script"), "the page has a script");
        assertFalse(html.contains(" style="), "the page has an inline style");
        assertFalse(Pattern.compile("<[^>]+ on[a-z]+=").matcher(html).find(), "an event handler attribute");
        for (String part : List.of("<code>/signature</code>: Compute a signature", "<code>/verify</code>: Check a signature",
                "<code>clientsecret</code>", "<code>algorithm</code>", "id=\"schema-Verdict\"", "id=\"schema-FieldErrors\"",
                "The original tool&#39;s test vector", "WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ=",
                "Answer: 400", "<code>Retry-After</code>", "<code>Allow: POST</code>", "href=\"/openapi.json\"",
                "<li><code>url-decoded</code>: right with <code>+</code> put back for spaces")) {
            assertTrue(html.contains(part), part);
        }
        assertEquals(200, get("/static/api.css").statusCode());
    }

    @Test
    void page_escapesWhatTheDocumentSays() {
        Map<String, Object> doc = Map.of("openapi", "3.0.3",
                "info", Map.of("title", "<x-title>", "version", "\"><x-version>", "description", "`<x-code>` <x-text>"),
                "servers", List.of(Map.of("url", "http://x/\"><x-url>", "description", "&")),
                "paths", Map.of(), "components", Map.of("schemas", Map.of("A<x-name>", Map.of("type", "string",
                        "enum", List.of("<x-value>")))));

        String html = ApiPage.render(doc);

        assertFalse(html.contains("<x-"), html);
        assertTrue(html.contains("<code>&lt;x-code&gt;</code> &lt;x-text&gt;"), html);
        assertTrue(html.contains("&quot;&gt;&lt;x-version&gt;"), html);
    }

    @Test
    void formPage_linksTheApiPage_andTheRenderingsTakeGetAndHeadOnly() throws Exception {
        assertTrue(text(get("/")).contains("<a href=\"/api\">API</a>"));
        for (String path : List.of("/api", "/openapi.json", "/openapi.yaml")) {
            HttpResponse<byte[]> post = HTTP.send(HttpRequest.newBuilder(server.uri().resolve(path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(405, post.statusCode(), path);
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow(), path);
        }
    }
}
