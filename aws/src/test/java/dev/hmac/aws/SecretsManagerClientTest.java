package dev.hmac.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signature Version 4 pinned to botocore's (the AWS SDK for Python, an independent implementation): the same
 * request signed by {@code botocore.auth.SigV4Auth} at 2026-01-02T03:04:05Z gave these Authorization headers.
 */
class SecretsManagerClientTest {
    private static final byte[] BODY = "{\"SecretId\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:hmac/slack-AbCdEf\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    private static Map<String, String> sign(String endpoint) {
        return SecretsManagerClient.signedHeaders(URI.create(endpoint), BODY, "us-east-1", "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEFake-session-token", AT);
    }

    @Test
    void regionalEndpoint_isSignedAsBotocoreSignsIt() {
        Map<String, String> headers = sign("https://secretsmanager.us-east-1.amazonaws.com/");

        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/secretsmanager/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
                + "Signature=47136c81af5115412620e584e234bb5e98488ac8d0d4e528096ab7fba5ae6773", headers.get("authorization"));
        assertEquals("20260102T030405Z", headers.get("x-amz-date"));
        assertEquals("secretsmanager.GetSecretValue", headers.get("x-amz-target"));
        assertEquals("application/x-amz-json-1.1", headers.get("content-type"));
    }

    @Test
    void endpointWithAPort_signsTheHostWithItsPort() {
        Map<String, String> headers = sign("http://127.0.0.1:8443/");

        assertEquals("127.0.0.1:8443", headers.get("host"));
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/secretsmanager/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
                + "Signature=742617c2ae7be7b4b2fd18f4f6e9186bfd4cff77dd8abd807469678d5591fadd", headers.get("authorization"));
    }
}
