package dev.hmac.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings as every entry point reads them from its environment: a value is trimmed, and a blank one counts as
 * unset. The map is passed in (System.getenv() at the entry point, a plain map in tests).
 */
public final class EnvironmentVariables {
    private final Map<String, String> variables;

    public EnvironmentVariables(Map<String, String> variables) {
        this.variables = Objects.requireNonNull(variables, "variables");
    }

    /** The trimmed value, or empty when the variable is unset or blank. */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public boolean isSet(String name) {
        return get(name).isPresent();
    }

    /**
     * A TCP port, 0 to 65535 (0: any free port, for a server); empty when unset.
     *
     * @throws IllegalArgumentException naming the variable, never quoting its value
     */
    public OptionalInt port(String name) {
        Optional<String> text = get(name);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int port = Integer.parseInt(text.get());
            if (port >= 0 && port <= 65535) {
                return OptionalInt.of(port);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " must be a port number from 0 to 65535.");
    }
}
