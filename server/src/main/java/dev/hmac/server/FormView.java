package dev.hmac.server;

import dev.hmac.core.Field;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a form page shows besides its result: what was typed, and what is wrong with it. Never the client secret,
 * nor the signature typed to be checked (someone may have pasted the secret there): both are typed again.
 *
 * @param typed what goes back into the fields, by field; absent for an empty field
 * @param errors field key (callback, clientid, ...) to message
 * @param problem an error that is not about one field, or null
 * @param signedIn who signed in through the load balancer (single sign-on), shown in the header; null when it is off
 */
record FormView(Map<Field, String> typed, Map<String, String> errors, String problem, String signedIn) {
    FormView(Map<Field, String> typed, Map<String, String> errors, String problem) {
        this(typed, errors, problem, null);
    }

    FormView {
        Map<Field, String> shown = new EnumMap<>(Field.class);
        typed.forEach((field, value) -> {
            if (value != null && field != Field.CLIENT_SECRET && field != Field.SIGNATURE) {
                shown.put(field, value);
            }
        });
        typed = Map.copyOf(shown);
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    static FormView empty() {
        return new FormView(Map.of(), Map.of(), null);
    }

    static FormView problem(String message) {
        return new FormView(Map.of(), Map.of(), message);
    }

    FormView withSignedIn(String user) {
        return new FormView(typed, errors, problem, user);
    }

    /** What goes back into a field: empty when nothing was typed. */
    String typed(Field field) {
        return typed.getOrDefault(field, "");
    }
}
