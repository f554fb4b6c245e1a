package dev.hmac.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void noEnvironment_meansLoopback8080InProcess() {
        assertEquals(ServerConfig.defaults(), ServerConfig.fromEnvironment(Map.of()));
        assertEquals(new ServerConfig("127.0.0.1", 8080, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                ServerConfig.defaults());
    }

    @Test
    void everyVariable_isRead() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("HOST", "0.0.0.0", "PORT", "9000",
                "HMAC_API_KEY", "k", "HMAC_API_URL", "https://abc.execute-api.eu-west-1.amazonaws.com/Prod/signature"));

        assertEquals("0.0.0.0", config.host());
        assertEquals(9000, config.port());
        assertEquals(Optional.of("k"), config.apiKey());
        assertEquals(Optional.of(URI.create("https://abc.execute-api.eu-west-1.amazonaws.com/Prod/signature")), config.apiUrl());
    }

    @Test
    void albArn_turnsSingleSignOnOn_withItsRegionsKeys() {
        String arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/hmac-form/50dc6c495c0c9188";

        ServerConfig config = ServerConfig.fromEnvironment(Map.of("HMAC_ALB_ARN", arn));

        assertEquals(arn, config.sso().orElseThrow().albArn());
        assertEquals(URI.create("https://public-keys.auth.elb.eu-west-1.amazonaws.com/"), config.sso().get().keysUrl());
        assertTrue(config.toString().contains("sso=" + arn), config.toString());
        assertEquals(Optional.empty(), ServerConfig.defaults().sso());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromEnvironment(Map.of("HMAC_ALB_ARN", "my-alb")));
    }

    @Test
    void badValues_areExplained() {
        assertEquals("PORT must be a port number from 0 to 65535.",
                assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromEnvironment(Map.of("PORT", "http"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromEnvironment(Map.of("PORT", "70000")));
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromEnvironment(Map.of("HMAC_API_URL", "ftp://x")));
    }

    @Test
    void slackSecrets_turnTheBotOnAndHalfASetupIsExplained() {
        ServerConfig http = ServerConfig.fromEnvironment(Map.of("SLACK_SIGNING_SECRET", "s", "SLACK_BOT_TOKEN", "xoxb-1"));
        ServerConfig socket = ServerConfig.fromEnvironment(Map.of("SLACK_APP_TOKEN", "xapp-1", "SLACK_BOT_TOKEN", "xoxb-1",
                "SLACK_API_URL", "https://slack-gov.com/api"));

        assertEquals("https://slack.com/api/", http.slack().orElseThrow().apiUrl());
        assertEquals(Optional.empty(), http.slack().orElseThrow().appToken());
        assertEquals("https://slack-gov.com/api/", socket.slack().orElseThrow().apiUrl());
        assertEquals(Optional.of("xapp-1"), socket.slack().orElseThrow().appToken());
        assertEquals("SLACK_BOT_TOKEN is not set: the bot needs it to open the form.", assertThrows(
                IllegalArgumentException.class, () -> ServerConfig.fromEnvironment(Map.of("SLACK_SIGNING_SECRET", "s")))
                .getMessage());
        assertFalse(http.toString().contains("xoxb-1"));
    }

    @Test
    void usage_namesEverySettingTheServerReads() {
        String usage = HmacServer.usage();

        for (String name : new String[] {"HOST", "PORT", "HMAC_API_KEY", "HMAC_API_URL", "SLACK_SIGNING_SECRET",
                "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_API_URL"}) {
            assertTrue(usage.contains("  " + name + " "), name + " is missing from --help: " + usage);
        }
        assertTrue(usage.startsWith("usage: ./serve"), usage);
    }

    @Test
    void toString_neverShowsTheApiKey() {
        assertFalse(ServerConfig.defaults().withApiKey("sekrit").toString().contains("sekrit"));
    }
}
