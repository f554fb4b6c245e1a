package dev.hmac.tests.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** infra/template.yaml, read as CloudFormation reads it, with the look-ups the tests need. */
final class Template {
    static final Path INFRA = Path.of(System.getProperty("hmac.infraDir", "../infra")).toAbsolutePath().normalize();
    static final String SIGNATURE_FUNCTION = "SignatureFunction";
    static final String SLACK_FUNCTION = "SlackFunction";

    private final Path file;
    private final Map<String, Object> root;

    private Template(Path file, Map<String, Object> root) {
        this.file = file;
        this.root = root;
    }

    static Template load() throws IOException {
        Path file = INFRA.resolve("template.yaml");
        return new Template(file, CloudFormationYaml.load(file));
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(map(root.get("Resources")).get(logicalId));
        if (resource.isEmpty()) {
            throw new AssertionError("No resource " + logicalId + " in " + file);
        }
        return resource;
    }

    Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    /** Logical id to resource, for every resource of this type, in template order. */
    Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    /** A serverless function's properties with the template's Globals.Function under them, as SAM merges them. */
    Map<String, Object> function(String logicalId) {
        Map<String, Object> globals = map(at(root, "Globals", "Function"));
        Map<String, Object> own = properties(logicalId);
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        merged.putAll(own);
        Map<String, Object> variables = new LinkedHashMap<>(map(at(globals, "Environment", "Variables")));
        variables.putAll(map(at(own, "Environment", "Variables")));
        merged.put("Environment", Map.of("Variables", variables));
        return merged;
    }

    /**
     * The function's environment as Lambda would set it: plain values as they are, {@code !Ref} to a parameter
     * replaced by the value given for it here (as {@code sam deploy --parameter-overrides} would).
     */
    Map<String, String> environment(String functionId, Map<String, String> parameterValues) {
        Map<String, String> env = new LinkedHashMap<>();
        map(at(function(functionId), "Environment", "Variables")).forEach((name, value) -> {
            if (value instanceof String text) {
                env.put(name, text);
            } else if (ref(value) != null && parameterValues.containsKey(ref(value))) {
                env.put(name, parameterValues.get(ref(value)));
            } else {
                throw new AssertionError(functionId + "." + name + ": no test value for " + value);
            }
        });
        return env;
    }

    /** The file a function's CodeUri names, resolved as SAM resolves it: from the template's folder. */
    Path codeUri(String functionId) {
        return file.getParent().resolve((String) function(functionId).get("CodeUri")).normalize();
    }

    int memorySize(String functionId) {
        return ((Number) function(functionId).get("MemorySize")).intValue();
    }

    String handler(String functionId) {
        return (String) function(functionId).get("Handler");
    }

    /** Follows keys through nested maps; null when one is missing. */
    static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map ? (Map<String, Object>) node : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node instanceof List ? (List<Object>) node : List.of();
    }

    /** The target of {@code !Ref}, or null. */
    static String ref(Object node) {
        return map(node).get("Ref") instanceof String target ? target : null;
    }
}
