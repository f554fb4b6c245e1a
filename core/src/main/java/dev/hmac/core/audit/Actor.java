package dev.hmac.core.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who asked, as each surface knows it: in Slack the team and user ids, on REST the API key's id and the source
 * address, on the form the signed-in user and the client's address. Values are ids and addresses the host read from
 * its platform (Slack's signed payload, API Gateway, the load balancer), never free text a caller typed; each is cut
 * to {@value #MAX_VALUE_LENGTH} characters, and an absent one is left out.
 *
 * @param ids by key, in a fixed order: {@code team}, {@code user}, {@code userName}; {@code apiKeyId},
 *     {@code sourceIp}; {@code user}, {@code address}
 */
public record Actor(Map<String, String> ids) {
    static final int MAX_VALUE_LENGTH = 256;

    public Actor {
        ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
    }

    /** @param userName Slack's deprecated user name: only when the payload still has one */
    public static Actor slack(String teamId, String userId, String userName) {
        return of("team", teamId, "user", userId, "userName", userName);
    }

    /** A REST call through API Gateway: its API key's id (never the key) and the caller's address. */
    public static Actor apiKey(String apiKeyId, String sourceIp) {
        return of("apiKeyId", apiKeyId, "sourceIp", sourceIp);
    }

    /** @param user the signed-in user (single sign-on), or null; {@code address} the client's */
    public static Actor person(String user, String address) {
        return of("user", user, "address", address);
    }

    /** A direct invocation of the Lambda function (the console's test event): no caller in the event. */
    public static Actor directInvocation() {
        return of("via", "direct invocation");
    }

    private static Actor of(String... keysAndValues) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String value = keysAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                ids.put(keysAndValues[i], value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value);
            }
        }
        return new Actor(ids);
    }
}
