package dev.hmac.server;

import static dev.hmac.server.Html.escape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api}: the REST contract as a page, rendered here from the document, without script: the operations
 * with their fields, examples and answers, then the schemas. Every value is HTML-escaped.
 */
final class ApiPage {
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", FormPage.CONTENT_SECURITY_POLICY,
            "Cache-Control", "public, max-age=300",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");
    private static final String JSON = "application/json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final Map<String, Object> doc;
    private final StringBuilder html = new StringBuilder(64 * 1024);
    /** The headers every answer has, said once per operation rather than on every row. */
    private final Map<String, String> everyAnswer;

    private ApiPage(Map<String, Object> doc) {
        this.doc = doc;
        this.everyAnswer = headersOfEveryAnswer();
    }

    static String render(Map<String, Object> doc) {
        return new ApiPage(doc).page();
    }

    private String page() {
        Map<String, Object> info = map(doc.get("info"));
        String title = text(info.get("title"));
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append(" · hmac</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/static/api.css\">\n</head>\n<body>\n<main>\n")
                .append("<p class=\"back\"><a href=\"/\">The web form</a></p>\n")
                .append("<h1>").append(escape(title)).append(" <span class=\"version\">")
                .append(escape(text(info.get("version")))).append("</span></h1>\n")
                .append("<p class=\"lead\">The contract, as an OpenAPI ").append(escape(text(doc.get("openapi"))))
                .append(" document: <a href=\"").append(ApiDocument.JSON_PATH).append("\">openapi.json</a> or <a href=\"")
                .append(ApiDocument.YAML_PATH).append("\">openapi.yaml</a>. In Postman: <b>Import</b>, then this ")
                .append("server's <code>").append(ApiDocument.JSON_PATH).append("</code> as a link, or the collection in ")
                .append("<code>docs/postman/</code> of the repository, whose requests check their answers.</p>\n");
        contents();
        html.append(DescriptionHtml.render(info.get("description")));
        servers();
        operations((path, method, op) -> operation(path, method, op));
        otherRequests();
        schemas();
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void contents() {
        html.append("<nav aria-label=\"Contents\"><ul>\n");
        operations((path, method, op) -> html.append("<li><a href=\"#").append(escape(anchor(op))).append("\"><code>")
                .append(escape(method.toUpperCase(Locale.ROOT))).append(' ').append(escape(path)).append("</code></a> ")
                .append(escape(text(op.get("summary")))).append("</li>\n"));
        html.append("<li><a href=\"#other-requests\">Other requests</a></li>\n")
                .append("<li><a href=\"#schemas\">Schemas</a></li>\n</ul></nav>\n");
    }

    private interface OperationVisitor {
        void visit(String path, String method, Map<String, Object> op);
    }

    /** Each operation, in the document's order. */
    private void operations(OperationVisitor visitor) {
        map(doc.get("paths")).forEach((path, item) -> map(item).forEach((method, op) -> {
            if (METHODS.contains(method)) {
                visitor.visit(path, method, map(op));
            }
        }));
    }

    private void servers() {
        html.append("<h2 id=\"servers\">Servers and authentication</h2>\n<ul>\n");
        for (Object server : list(doc.get("servers"))) {
            html.append("<li><code>").append(escape(text(map(server).get("url")))).append("</code>: ")
                    .append(escape(text(map(server).get("description")))).append("</li>\n");
        }
        html.append("</ul>\n");
        map(map(doc.get("components")).get("securitySchemes")).forEach((name, scheme) -> {
            Map<String, Object> s = map(scheme);
            html.append("<p>An API key (<code>").append(escape(name)).append("</code>) in the <code>")
                    .append(escape(text(s.get("name")))).append("</code> ").append(escape(text(s.get("in"))))
                    .append(".</p>\n").append(DescriptionHtml.render(s.get("description")));
        });
    }

    private void operation(String path, String method, Map<String, Object> op) {
        html.append("<section id=\"").append(escape(anchor(op))).append("\">\n<h2><span class=\"method\">")
                .append(escape(method.toUpperCase(Locale.ROOT))).append("</span> <code>").append(escape(path))
                .append("</code>: ").append(escape(text(op.get("summary")))).append("</h2>\n")
                .append(DescriptionHtml.render(op.get("description")));
        Map<String, Object> body = map(op.get("requestBody"));
        Map<String, Object> content = map(map(body.get("content")).get(JSON));
        html.append("<h3>Request body</h3>\n").append(DescriptionHtml.render(body.get("description")));
        Map<String, Object> schema = map(resolve(content.get("schema")));
        html.append("<p>").append(type(content.get("schema"))).append(": ")
                .append(DescriptionHtml.inline(text(schema.get("description")))).append("</p>\n");
        properties(schema);
        examples(op, map(content.get("examples")));
        html.append("<h3>Answers</h3>\n<p>Every answer has ").append(String.join(" and ", everyAnswer.values()))
                .append("; others as listed.</p>\n<table>\n<thead><tr><th>Status</th><th>When</th><th>Body</th><th>Headers</th></tr>")
                .append("</thead>\n<tbody>\n");
        map(op.get("responses")).forEach((status, response) -> answerRow(status, map(resolve(response))));
        html.append("</tbody>\n</table>\n</section>\n");
    }

    /** Each request example with the answer of the same name. */
    private void examples(Map<String, Object> op, Map<String, Object> requests) {
        if (requests.isEmpty()) {
            return;
        }
        html.append("<h3>Examples</h3>\n");
        requests.forEach((name, example) -> {
            Map<String, Object> request = map(example);
            html.append("<details id=\"").append(escape(anchor(op) + "-" + name)).append("\">\n<summary>")
                    .append(escape(text(request.get("summary")))).append("</summary>\n<p class=\"label\">Request</p>\n")
                    .append("<pre><code>").append(escape(ApiDocument.pretty(request.get("value")))).append("</code></pre>\n");
            map(op.get("responses")).forEach((status, response) -> {
                Map<String, Object> answer = map(map(map(resolve(response)).get("content")).get(JSON));
                Object paired = map(answer.get("examples")).get(name);
                if (paired != null) {
                    html.append("<p class=\"label\">Answer: ").append(escape(status)).append("</p>\n<pre><code>")
                            .append(escape(ApiDocument.pretty(map(paired).get("value")))).append("</code></pre>\n");
                }
            });
            html.append("</details>\n");
        });
    }

    private void answerRow(String status, Map<String, Object> response) {
        Map<String, Object> content = map(map(response.get("content")).get(JSON));
        List<String> headers = new ArrayList<>();
        headers(response).forEach((name, header) -> {
            if (!everyAnswer.containsKey(name)) {
                headers.add(header);
            }
        });
        html.append("<tr><td>").append(escape(status)).append("</td><td>")
                .append(DescriptionHtml.inline(text(response.get("description")).strip())).append("</td><td>")
                .append(content.isEmpty() ? "" : type(content.get("schema"))).append("</td><td>")
                .append(String.join(", ", headers)).append("</td></tr>\n");
    }

    private void otherRequests() {
        Map<String, Object> other = map(doc.get("x-other-requests"));
        html.append("<section id=\"other-requests\">\n<h2>Other requests</h2>\n")
                .append(DescriptionHtml.render(other.get("description")))
                .append("<table>\n<thead><tr><th>Request</th><th>When</th><th>Body</th><th>Headers</th></tr></thead>\n<tbody>\n");
        other.forEach((name, response) -> {
            if (response instanceof Map<?, ?>) {
                answerRow(name.replace('-', ' '), map(response));
            }
        });
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private void schemas() {
        html.append("<section id=\"schemas\">\n<h2>Schemas</h2>\n");
        map(map(doc.get("components")).get("schemas")).forEach((name, value) -> {
            Map<String, Object> schema = map(value);
            html.append("<h3 id=\"schema-").append(escape(name)).append("\">").append(escape(name)).append("</h3>\n")
                    .append(DescriptionHtml.render(schema.get("description")));
            if (schema.containsKey("properties")) {
                properties(schema);
            } else {
                html.append("<p>").append(type(schema)).append("</p>\n");
            }
        });
        html.append("</section>\n");
    }

    /** A table of an object's fields: name, type, whether required, the rule in words. */
    private void properties(Map<String, Object> schema) {
        List<Object> required = list(schema.get("required"));
        html.append("<table>\n<thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Rule</th></tr></thead>\n<tbody>\n");
        map(schema.get("properties")).forEach((name, property) -> html.append("<tr><td><code>").append(escape(name))
                .append("</code></td><td>").append(type(property)).append("</td><td>")
                .append(required.contains(name) ? "yes" : "no").append("</td><td>")
                .append(DescriptionHtml.inline(text(map(property).get("description")).strip())).append("</td></tr>\n"));
        html.append("</tbody>\n</table>\n");
        if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
            html.append("<p class=\"muted\">No other field.</p>\n");
        }
    }

    /** A schema's type in a few words, as HTML: a link for a named schema. */
    private String type(Object node) {
        Map<String, Object> schema = map(node);
        if (schema.get("$ref") instanceof String ref) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            return "<a href=\"#schema-" + escape(name) + "\">" + escape(name) + "</a>";
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (schema.containsKey(choice)) {
                List<String> types = new ArrayList<>();
                list(schema.get(choice)).forEach(option -> types.add(type(option)));
                return String.join(" or ", types);
            }
        }
        if (schema.containsKey("allOf") && list(schema.get("allOf")).size() == 1) {
            return type(list(schema.get("allOf")).get(0));
        }
        String type = text(schema.get("type"));
        if ("array".equals(type)) {
            return "array of " + type(schema.get("items"));
        }
        if (schema.get("enum") instanceof List<?> values) {
            List<String> codes = new ArrayList<>();
            values.forEach(value -> codes.add("<code>" + escape(text(value)) + "</code>"));
            return "one of " + String.join(", ", codes);
        }
        if (schema.get("pattern") instanceof String pattern) {
            return escape(type) + " matching <code>" + escape(pattern) + "</code>";
        }
        return escape(type.isEmpty() ? "any" : type);
    }

    /** A response's headers, each as HTML: its name, and its value when the document fixes one. */
    private Map<String, String> headers(Map<String, Object> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        map(response.get("headers")).forEach((name, header) -> {
            Object values = map(map(resolve(header)).get("schema")).get("enum");
            headers.put(name, "<code>" + escape(name) + (values == null ? "" : ": " + escape(text(list(values).get(0))))
                    + "</code>");
        });
        return headers;
    }

    private Map<String, String> headersOfEveryAnswer() {
        List<Map<String, Object>> responses = new ArrayList<>();
        operations((path, method, op) -> map(op.get("responses")).values().forEach(r -> responses.add(map(resolve(r)))));
        map(doc.get("x-other-requests")).values().forEach(r -> {
            if (r instanceof Map<?, ?>) {
                responses.add(map(r));
            }
        });
        Map<String, String> common = responses.isEmpty() ? new LinkedHashMap<>() : headers(responses.get(0));
        responses.forEach(response -> common.keySet().retainAll(headers(response).keySet()));
        return common;
    }

    private Object resolve(Object node) {
        if (map(node).get("$ref") instanceof String ref) {
            Object target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = map(target).get(part.replace("~1", "/").replace("~0", "~"));
            }
            return resolve(target);
        }
        return node;
    }

    private static String anchor(Map<String, Object> op) {
        return "op-" + text(op.get("operationId"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node instanceof List<?> ? (List<Object>) node : List.of();
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
