package dev.hmac.tests.deploy;

import dev.hmac.core.json.Json;
import dev.hmac.core.json.JsonException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Dockerfile of infra/ (the web form's, the Lambda images'), read instruction by instruction as Docker reads it
 * (comments dropped, {@code \} continuations joined): enough to check what the image would run, since no image can
 * be built here (no Docker engine).
 */
public final class Dockerfile {
    /** The web form's. */
    static final Path FILE = Template.INFRA.resolve("Dockerfile");
    static final Path BOT_IMAGE = Template.INFRA.resolve("bot-image/Dockerfile");
    static final Path API_IMAGE = Template.INFRA.resolve("api-image/Dockerfile");

    record Instruction(String keyword, String arguments) {
    }

    private final Path file;
    private final List<Instruction> instructions;

    private Dockerfile(Path file, List<Instruction> instructions) {
        this.file = file;
        this.instructions = instructions;
    }

    /** The web form's. */
    public static Dockerfile load() throws IOException {
        return load(FILE);
    }

    static Dockerfile load(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String joined = pending.toString().trim();
            pending.setLength(0);
            if (joined.isEmpty()) {
                continue;
            }
            int space = joined.indexOf(' ');
            instructions.add(new Instruction(joined.substring(0, space).toUpperCase(Locale.ROOT),
                    joined.substring(space + 1).trim()));
        }
        return new Dockerfile(file, instructions);
    }

    /** Its {@code .dockerignore}: Docker reads {@code NAME.dockerignore} beside the Dockerfile {@code NAME}. */
    String ignoreFile() throws IOException {
        return Files.readString(file.resolveSibling(file.getFileName() + ".dockerignore"));
    }

    List<Instruction> instructions() {
        return instructions;
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The last one counts, as in Docker. */
    String last(String keyword) {
        List<String> all = all(keyword);
        if (all.isEmpty()) {
            throw new AssertionError("No " + keyword + " in " + file);
        }
        return all.get(all.size() - 1);
    }

    int indexOf(String keyword) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** Every ENV name=value pair, in order (a later one overrides an earlier one). */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String arguments : all("ENV")) {
            for (String pair : words(arguments)) {
                int equals = pair.indexOf('=');
                if (equals < 0) {
                    throw new AssertionError("ENV in the legacy 'ENV name value' form: " + arguments);
                }
                env.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return env;
    }

    /** ENTRYPOINT in exec form (a JSON array): the command the container runs, with no shell in between. */
    public List<String> entrypoint() {
        return execForm("ENTRYPOINT");
    }

    /** CMD in exec form: the arguments after the ENTRYPOINT (for a Lambda image, the handler). */
    List<String> cmd() {
        return execForm("CMD");
    }

    private List<String> execForm(String keyword) {
        String arguments = last(keyword);
        try {
            List<String> command = new ArrayList<>();
            for (Object word : (List<?>) Json.parse(arguments)) {
                command.add((String) word);
            }
            return command;
        } catch (JsonException | ClassCastException e) {
            throw new AssertionError(keyword + " is not in exec form: " + arguments, e);
        }
    }

    /** HEALTHCHECK's command, in shell form, as {@code /bin/sh -c} runs it. */
    String healthCheckCommand() {
        String arguments = last("HEALTHCHECK");
        int cmd = arguments.indexOf("CMD ");
        if (cmd < 0) {
            throw new AssertionError("HEALTHCHECK without CMD: " + arguments);
        }
        return arguments.substring(cmd + 4).trim();
    }

    /** Words split on blanks, double quotes grouping (and removed). */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
