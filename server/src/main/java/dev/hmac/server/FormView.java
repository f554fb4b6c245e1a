package dev.hmac.server;

import java.util.Map;

/**
 * What the form page shows. Holds what may be shown back to the person at the form: never the client secret.
 *
 * @param errors field key (callback, clientid, clientsecret, timestamp) to message
 * @param problem an error that is not about one field, or null
 * @param result the signature and its inputs (callback, clientid, timestamp, signature), or null
 */
record FormView(String callback, String clientId, String timestamp, Map<String, String> errors, String problem,
                Map<String, String> result) {

    static FormView empty() {
        return new FormView("", "", "", Map.of(), null, null);
    }
}
