package dev.hmac.bot.lambda;

import dev.hmac.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets Manager's GetSecretValue called directly, signed with Signature Version 4 and the function's own
 * credentials (the variables Lambda sets): one JSON POST, the JDK only, no AWS SDK. The Parameters and Secrets
 * extension is the first choice; this is for when it does not answer at init, which AWS documents it for.
 */
final class SecretsManagerApi {
    /** The endpoint override every AWS SDK honours (a VPC endpoint, FIPS, a test fake). */
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    static final String TARGET = "secretsmanager.GetSecretValue";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String SERVICE = "secretsmanager";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private SecretsManagerApi() {
    }

    /** What came back: the status and the body (a GetSecretValue answer, or an error naming its type). */
    record Reply(int status, String body) {
    }

    static Reply getSecretValue(String secretId, Map<String, String> env, Instant now) throws IOException {
        String region = required(env, "AWS_REGION");
        String accessKey = required(env, "AWS_ACCESS_KEY_ID");
        String secretKey = required(env, "AWS_SECRET_ACCESS_KEY");
        String sessionToken = env.get("AWS_SESSION_TOKEN");
        URI endpoint = endpoint(env, region);
        byte[] body = Json.write(Map.of("SecretId", secretId)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = signedHeaders(endpoint, body, region, accessKey, secretKey, sessionToken, now);

        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setUseCaches(false);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        // HttpURLConnection sends Host itself, as host[:port]: exactly the value signed.
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                connection.setRequestProperty(name, value);
            }
        });
        connection.setFixedLengthStreamingMode(body.length);
        try {
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream stream = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            byte[] answer = stream == null ? new byte[0] : stream.readAllBytes();
            return new Reply(status, new String(answer, StandardCharsets.UTF_8));
        } finally {
            connection.disconnect();
        }
    }

    /** The request's headers, Authorization included, by lower-case name. */
    static Map<String, String> signedHeaders(URI endpoint, byte[] body, String region, String accessKey, String secretKey,
                                             String sessionToken, Instant now) {
        String amzDate = AMZ_DATE.format(now);
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
        String canonicalRequest = "POST\n" + path + "\n\n" + canonicalHeaders + "\n" + signedHeaderNames + "\n" + hex(sha256(body));
        String scope = date + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, stringToSign));

        Map<String, String> all = new TreeMap<>(headers);
        all.put("authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=" + signedHeaderNames + ", Signature=" + signature);
        return all;
    }

    private static URI endpoint(Map<String, String> env, String region) {
        String override = env.get(ENDPOINT_VARIABLE);
        if (override != null && !override.isBlank()) {
            URI uri = URI.create(override.trim());
            return uri.getPath() == null || uri.getPath().isEmpty() ? uri.resolve("/") : uri;
        }
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://" + SERVICE + "." + region + "." + domain + "/");
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: Lambda sets it; outside Lambda, set SLACK_SIGNING_SECRET"
                    + " and SLACK_BOT_TOKEN instead of " + LambdaSecrets.SLACK_SECRET_ARN + ".");
        }
        return value.trim();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
