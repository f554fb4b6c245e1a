package dev.hmac.tests.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation (or SAM) template written in YAML, short-form intrinsic functions included: each
 * {@code !Name value} becomes the long form {@code {"Fn::Name": value}} ({@code !Ref} and {@code !Condition}
 * keep their names, {@code !GetAtt a.b} becomes {@code ["a", "b"]}), as CloudFormation itself reads them. Plain
 * YAML otherwise, through SnakeYAML's safe constructor: no Java types are ever instantiated from the file.
 */
final class CloudFormationYaml extends SafeConstructor {

    private CloudFormationYaml() {
        super(new LoaderOptions());
        yamlMultiConstructors.put("!", new Intrinsic());
    }

    static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new CloudFormationYaml()).load(reader);
            if (!(document instanceof Map)) {
                throw new IOException(file + " is not a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> template = (Map<String, Object>) document;
            return template;
        }
    }

    private final class Intrinsic extends AbstractConstruct {
        @Override
        public Object construct(Node node) {
            String name = node.getTag().getValue().substring(1);
            Object value;
            if (node instanceof ScalarNode scalar) {
                value = constructScalar(scalar);
            } else if (node instanceof SequenceNode sequence) {
                value = constructSequence(sequence);
            } else {
                value = constructMapping((MappingNode) node);
            }
            if (name.equals("GetAtt") && value instanceof String attribute) {
                value = List.of(attribute.split("\\.", 2));
            }
            return Map.of(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
        }
    }
}
