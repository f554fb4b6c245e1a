package dev.hmac.aws;

import dev.hmac.core.EnvironmentVariables;
import dev.hmac.core.Sha256;
import dev.hmac.core.json.Json;
import dev.hmac.outbound.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secrets Manager's GetSecretValue called directly, signed with Signature Version 4 and the function's own
 * credentials (the variables Lambda sets): one JSON POST, the JDK only, no AWS SDK. The Parameters and Secrets
 * extension is the first choice; this is for when it does not answer at init, which AWS documents it for.
 */
final class SecretsManagerClient {
    /** The endpoint override every AWS SDK honours (a VPC endpoint, FIPS, a test fake). */
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    static final String TARGET = "secretsmanager.GetSecretValue";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String SERVICE = "secretsmanager";
    /** Connect to last byte; init itself has 10 s. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** A secret holds at most 64 KiB; its answer adds little. */
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final EnvironmentVariables env;
    private final String arnVariable;

    /** @param arnVariable the variable the secret's ARN came from, named in messages */
    SecretsManagerClient(EnvironmentVariables env, String arnVariable) {
        this.env = env;
        this.arnVariable = arnVariable;
    }

    /** The status and the body: a GetSecretValue answer, or an error naming its type. */
    HttpCall.Reply getSecretValue(String secretId, Instant now) throws IOException {
        String region = required("AWS_REGION");
        String accessKey = required("AWS_ACCESS_KEY_ID");
        String secretKey = required("AWS_SECRET_ACCESS_KEY");
        String sessionToken = env.get("AWS_SESSION_TOKEN").orElse(null);
        URI endpoint = endpoint(region);
        byte[] body = Json.write(Map.of("SecretId", secretId)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = signedHeaders(endpoint, body, region, accessKey, secretKey, sessionToken, now);

        HttpCall call = HttpCall.to(endpoint).closeAfter().deadline(DEADLINE)
                .maxReplyBytes(MAX_ANSWER_BYTES);
        // HttpURLConnection sends Host itself, as host[:port]: exactly the value signed.
        headers.forEach((name, value) -> {
            if (!name.equals("host") && !name.equals("content-type")) {
                call.header(name, value);
            }
        });
        return call.post(CONTENT_TYPE, body);
    }

    /** The request's headers, Authorization included, by lower-case name. */
    static Map<String, String> signedHeaders(URI endpoint, byte[] body, String region, String accessKey, String secretKey,
                                             String sessionToken, Instant now) {
        String amzDate = UtcTime.basic(now.getEpochSecond());
        String date = amzDate.substring(0, 8);
        Map<String, String> headers = new TreeMap<>();
        headers.put("content-type", CONTENT_TYPE);
        headers.put("host", endpoint.getPort() == -1 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort());
        headers.put("x-amz-date", amzDate);
        if (sessionToken != null && !sessionToken.isBlank()) {
            headers.put("x-amz-security-token", sessionToken);
        }
        headers.put("x-amz-target", TARGET);

        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value.trim()).append('\n'));
        String signedHeaderNames = String.join(";", headers.keySet());
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        String canonicalRequest = "POST\n" + path + "\n\n" + canonicalHeaders + "\n" + signedHeaderNames + "\n"
                + hex(Sha256.digest(body));
        String scope = date + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(Sha256.digest(utf8(canonicalRequest)));
        byte[] key = utf8("AWS4" + secretKey);
        for (String part : new String[] {date, region, SERVICE, "aws4_request"}) {
            key = Sha256.hmac(key, utf8(part));
        }
        String signature = hex(Sha256.hmac(key, utf8(stringToSign)));

        Map<String, String> all = new TreeMap<>(headers);
        all.put("authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=" + signedHeaderNames + ", Signature=" + signature);
        return all;
    }

    private URI endpoint(String region) {
        if (env.isSet(ENDPOINT_VARIABLE)) {
            URI uri = URI.create(env.get(ENDPOINT_VARIABLE).get());
            return uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
        }
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://" + SERVICE + "." + region + "." + domain + "/");
    }

    private String required(String name) {
        return env.get(name).orElseThrow(() -> new IllegalStateException(name + " is not set: Lambda sets it; outside"
                + " Lambda, set the secret's values as variables instead of " + arnVariable + "."));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
