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
    /** The same functions as container images; each exists only when its packaging parameter says image. */
    static final String SIGNATURE_IMAGE_FUNCTION = "SignatureImageFunction";
    static final String SLACK_IMAGE_FUNCTION = "SlackImageFunction";
    static final String BOT_IMAGE_URI = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hmac-bot:1.0.0";
    static final String API_IMAGE_URI = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/hmac-api:1.0.0";

    /** How both functions are deployed: the template's packaging parameters, set alike for both. */
    enum Packaging {
        ZIP(SIGNATURE_FUNCTION, SLACK_FUNCTION),
        IMAGE(SIGNATURE_IMAGE_FUNCTION, SLACK_IMAGE_FUNCTION);

        final String signatureFunction;
        final String slackFunction;

        Packaging(String signatureFunction, String slackFunction) {
            this.signatureFunction = signatureFunction;
            this.slackFunction = slackFunction;
        }

        /** The parameter values that choose this packaging, as {@code sam deploy --parameter-overrides} gives them. */
        Map<String, String> parameters() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("SlackFunctionPackaging", name().toLowerCase(java.util.Locale.ROOT));
            values.put("SignatureFunctionPackaging", name().toLowerCase(java.util.Locale.ROOT));
            if (this == IMAGE) {
                values.put("SlackFunctionImageUri", BOT_IMAGE_URI);
                values.put("SignatureFunctionImageUri", API_IMAGE_URI);
            }
            return values;
        }
    }

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

    /** The functions deployed from a jar (CodeUri), not from an image. */
    List<String> zipFunctions() {
        return resources("AWS::Serverless::Function").keySet().stream()
                .filter(id -> properties(id).get("CodeUri") != null).toList();
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

    /**
     * {@code node} with every {@code Fn::If} decided as CloudFormation decides it for these parameter values (the
     * others at their defaults); other intrinsic functions are left as they are.
     */
    Object decided(Object node, Map<String, String> parameterValues) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("Fn::If") instanceof List<?> choice) {
                return decided(condition((String) choice.get(0), parameterValues) ? choice.get(1) : choice.get(2),
                        parameterValues);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((key, value) -> copy.put((String) key, decided(value, parameterValues)));
            return copy;
        }
        if (node instanceof List<?> items) {
            return items.stream().map(item -> decided(item, parameterValues)).toList();
        }
        return node;
    }

    /** A condition of the template's Conditions, as far as these tests use them: Equals on a parameter, Not, And, Condition. */
    boolean condition(String name, Map<String, String> parameterValues) {
        return evaluate(at(root, "Conditions", name), parameterValues);
    }

    private boolean evaluate(Object condition, Map<String, String> parameterValues) {
        Map<String, Object> c = map(condition);
        if (c.get("Condition") instanceof String other) {
            return condition(other, parameterValues);
        }
        if (c.get("Fn::Not") instanceof List<?> negated) {
            return !evaluate(negated.get(0), parameterValues);
        }
        if (c.get("Fn::And") instanceof List<?> all) {
            return all.stream().allMatch(each -> evaluate(each, parameterValues));
        }
        if (c.get("Fn::Equals") instanceof List<?> pair) {
            return value(pair.get(0), parameterValues).equals(value(pair.get(1), parameterValues));
        }
        throw new AssertionError("A condition these tests cannot evaluate: " + condition);
    }

    private String value(Object node, Map<String, String> parameterValues) {
        String parameter = ref(node);
        if (parameter == null) {
            return String.valueOf(node);
        }
        return parameterValues.getOrDefault(parameter, String.valueOf(map(parameters().get(parameter)).get("Default")));
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
