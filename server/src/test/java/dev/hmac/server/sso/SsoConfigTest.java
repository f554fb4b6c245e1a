package dev.hmac.server.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsoConfigTest {
    private static final String ARN = AlbTokens.ARN;

    private static SsoConfig read(Map<String, String> variables) {
        return SsoConfig.fromEnvironment(variables).orElseThrow();
    }

    @Test
    void noArn_meansSsoIsOff() {
        assertEquals(Optional.empty(), SsoConfig.fromEnvironment(Map.of()));
        assertEquals(Optional.empty(), SsoConfig.fromEnvironment(Map.of("HMAC_ALB_ARN", " ")));
    }

    @Test
    void arnAlone_takesTheKeysFromItsRegionsEndpoint() {
        assertEquals(new SsoConfig(ARN, URI.create("https://public-keys.auth.elb.eu-west-1.amazonaws.com/")),
                read(Map.of("HMAC_ALB_ARN", " " + ARN + " ")));
        assertEquals(URI.create("https://public-keys.auth.elb.ap-southeast-2.amazonaws.com/"), read(Map.of("HMAC_ALB_ARN",
                "arn:aws:elasticloadbalancing:ap-southeast-2:123456789012:loadbalancer/app/a/1")).keysUrl());
    }

    @Test
    void keysUrl_isTakenAsABaseEndingWithSlash() {
        assertEquals(URI.create("https://keys.example.com/alb/"),
                read(Map.of("HMAC_ALB_ARN", ARN, "HMAC_ALB_KEYS_URL", "https://keys.example.com/alb")).keysUrl());
        assertEquals(URI.create("https://keys.example.com/"),
                read(Map.of("HMAC_ALB_ARN", ARN, "HMAC_ALB_KEYS_URL", "https://keys.example.com")).keysUrl());
        assertEquals(URI.create("http://127.0.0.1:8081/"),
                read(Map.of("HMAC_ALB_ARN", ARN, "HMAC_ALB_KEYS_URL", "http://127.0.0.1:8081/")).keysUrl());
        assertEquals(URI.create("http://[::1]:8081/"),
                read(Map.of("HMAC_ALB_ARN", ARN, "HMAC_ALB_KEYS_URL", "http://[::1]:8081")).keysUrl());
        assertEquals(URI.create("http://localhost:8081/keys/"),
                read(Map.of("HMAC_ALB_ARN", ARN, "HMAC_ALB_KEYS_URL", "http://localhost:8081/keys/")).keysUrl());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://keys.example.com/", "http://10.0.0.1/", "ftp://127.0.0.1/", "keys.example.com",
            "https://keys.example.com/?kid=", "https://keys.example.com/#x", "https://user@keys.example.com/", "https://",
            "https://keys example.com/"})
    void keysUrlNotHttpsOrNotABase_isExplained(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SsoConfig.fromEnvironment(Map.of("HMAC_ALB_ARN", ARN, "HMAC_ALB_KEYS_URL", url)));
        assertTrue(e.getMessage().startsWith("HMAC_ALB_KEYS_URL must be an https URL"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hmac-form", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/n/1",
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1",
            "arn:aws:elasticloadbalancing:eu-west-1:12345:loadbalancer/app/a/1",
            "arn:aws:elasticloadbalancing::123456789012:loadbalancer/app/a/1",
            "arn:aws:ec2:eu-west-1:123456789012:loadbalancer/app/a/1",
            "arn:aws:elasticloadbalancing:eu-west-1/../x:123456789012:loadbalancer/app/a/1"})
    void arnNotAnApplicationLoadBalancers_isExplainedWithoutQuotingIt(String arn) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SsoConfig.fromEnvironment(Map.of("HMAC_ALB_ARN", arn)));
        assertTrue(e.getMessage().startsWith("HMAC_ALB_ARN must be the ARN of an Application Load Balancer"));
        assertTrue(!e.getMessage().contains(arn));
    }

    @Test
    void keysUrlWithoutArn_isRefused_ratherThanStartingWithSsoOff() {
        assertEquals("HMAC_ALB_KEYS_URL is set but HMAC_ALB_ARN is not: single sign-on needs the load balancer's ARN.",
                assertThrows(IllegalArgumentException.class, () -> SsoConfig.fromEnvironment(
                        Map.of("HMAC_ALB_KEYS_URL", "https://keys.example.com/"))).getMessage());
    }

    @Test
    void arnOutsideTheAwsPartition_needsItsKeysUrl() {
        String gov = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/a/1";

        assertTrue(assertThrows(IllegalArgumentException.class, () -> SsoConfig.fromEnvironment(
                Map.of("HMAC_ALB_ARN", gov))).getMessage().startsWith("HMAC_ALB_KEYS_URL must be set"));
        assertEquals(URI.create("https://keys.example.com/gov/"), read(Map.of("HMAC_ALB_ARN", gov,
                "HMAC_ALB_KEYS_URL", "https://keys.example.com/gov/")).keysUrl());
    }
}
