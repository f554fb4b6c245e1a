package dev.hmac.server.sso;

import dev.hmac.core.EnvironmentVariables;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single sign-on behind the load balancer: on when {@code HMAC_ALB_ARN} is set, off (and nothing here) otherwise.
 *
 * @param albArn the load balancer whose signature every request must carry (the token's {@code signer})
 * @param keysUrl where its public keys are, one per key id at {@code keysUrl + kid}; ends with {@code /}
 */
public record SsoConfig(String albArn, URI keysUrl) {
    public static final String HMAC_ALB_ARN = "HMAC_ALB_ARN";
    public static final String HMAC_ALB_KEYS_URL = "HMAC_ALB_KEYS_URL";

    // arn:partition:elasticloadbalancing:region:account:loadbalancer/app/name/id (only an Application Load
    // Balancer authenticates users).
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):elasticloadbalancing:([a-z]{2}(?:-[a-z]+)+-\\d+):\\d{12}:loadbalancer/app/"
                    + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?/[A-Za-z0-9]+");

    public SsoConfig {
        Objects.requireNonNull(albArn, "albArn");
        Objects.requireNonNull(keysUrl, "keysUrl");
    }

    /** @throws IllegalArgumentException naming the variable at fault */
    public static Optional<SsoConfig> fromEnvironment(Map<String, String> variables) {
        return from(new EnvironmentVariables(variables));
    }

    /**
     * Empty when {@code HMAC_ALB_ARN} is unset. The keys' URL is {@code HMAC_ALB_KEYS_URL}, by default ALB's
     * regional endpoint {@code https://public-keys.auth.elb.<region>.amazonaws.com/} for the ARN's region.
     *
     * @throws IllegalArgumentException naming the variable at fault: an ARN that is not an Application Load
     *         Balancer's, a keys URL that is not https (plain http only to this host), or a keys URL without an ARN
     */
    public static Optional<SsoConfig> from(EnvironmentVariables env) {
        Optional<String> arn = env.get(HMAC_ALB_ARN);
        Optional<String> keysUrl = env.get(HMAC_ALB_KEYS_URL);
        if (arn.isEmpty()) {
            if (keysUrl.isPresent()) {
                // Someone meant to turn SSO on: starting with it off would let everyone in.
                throw new IllegalArgumentException(HMAC_ALB_KEYS_URL + " is set but " + HMAC_ALB_ARN
                        + " is not: single sign-on needs the load balancer's ARN.");
            }
            return Optional.empty();
        }
        Matcher matcher = ARN.matcher(arn.get());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(HMAC_ALB_ARN + " must be the ARN of an Application Load Balancer, "
                    + "like arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/hmac/50dc6c495c0c9188.");
        }
        String partition = matcher.group(1);
        String region = matcher.group(2);
        URI keys;
        if (keysUrl.isPresent()) {
            keys = keysUrl(keysUrl.get());
        } else if (partition.equals("aws")) {
            keys = URI.create("https://public-keys.auth.elb." + region + ".amazonaws.com/");
        } else {
            throw new IllegalArgumentException(HMAC_ALB_KEYS_URL + " must be set for a load balancer outside the aws "
                    + "partition: the URL of the public keys AWS documents for its region.");
        }
        return Optional.of(new SsoConfig(arn.get(), keys));
    }

    private static URI keysUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean secure = scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost());
            if (secure && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null) {
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
            }
        } catch (URISyntaxException e) {
            // fall through to the message below
        }
        // Whoever serves the keys decides who signs in: plain http only where no network is crossed.
        throw new IllegalArgumentException(HMAC_ALB_KEYS_URL + " must be an https URL without query or fragment "
                + "(http only to this host), like https://public-keys.auth.elb.eu-west-1.amazonaws.com/.");
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // Only IP literals: resolving a name here would ask DNS, and the answer could change.
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
