package dev.hmac.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.aws.testing.FakeSecretsExtension;
import dev.hmac.aws.testing.FakeSecretsManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading the Slack secrets through a fake Parameters and Secrets extension, or a fake Secrets Manager, on loopback. */
class LambdaSecretsTest {
    private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String BOT_TOKEN = "xoxb-1111-2222-from-secrets-manager";

    private static final List<String> KEYS = List.of("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN");

    private FakeSecretsExtension extension;
    private final List<String> logLines = new ArrayList<>();
    private final LambdaSecrets secrets = secrets(Duration.ofSeconds(3));

    /** The bot function's secrets, as its handler reads them. */
    private LambdaSecrets secrets(Duration patience) {
        return new LambdaSecrets("SLACK_SECRET_ARN", KEYS, patience, Clock.systemUTC(), new LambdaLog(logLines::add, Clock.systemUTC()));
    }

    @BeforeEach
    void start() throws Exception {
        extension = new FakeSecretsExtension().slackSecret(SIGNING_SECRET, BOT_TOKEN);
    }

    @AfterEach
    void stop() {
        extension.close();
    }

    /** The variables Lambda would set for a function configured as in infra/template.yaml. */
    private Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_SESSION_TOKEN", FakeSecretsExtension.SESSION_TOKEN);
        env.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(extension.port()));
        env.put("SLACK_SECRET_ARN", FakeSecretsExtension.SECRET_ARN);
        env.put("SLACK_API_URL", "https://slack.com/api/");
        return env;
    }

    @Test
    void secretArnOnly_readsBothValuesThroughTheExtensionWithTheSessionToken() {
        Map<String, String> env = secrets.resolve(lambdaEnvironment());

        assertEquals(SIGNING_SECRET, env.get("SLACK_SIGNING_SECRET"));
        assertEquals(BOT_TOKEN, env.get("SLACK_BOT_TOKEN"));
        assertEquals("https://slack.com/api/", env.get("SLACK_API_URL"));
        assertEquals(List.of(new FakeSecretsExtension.Call(FakeSecretsExtension.SECRET_ARN, FakeSecretsExtension.SESSION_TOKEN)),
                extension.calls());
        assertEquals(1, logLines.size(), logLines.toString());
        assertTrue(logLines.get(0).contains("\"message\":\"SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN read from the secret in SLACK_SECRET_ARN\""),
                logLines.get(0));
        assertFalse(logLines.get(0).contains(BOT_TOKEN) || logLines.get(0).contains(SIGNING_SECRET));
    }

    @Test
    void bothVariablesSet_winAndTheExtensionIsNeverCalled() {
        Map<String, String> given = lambdaEnvironment();
        given.put("SLACK_SIGNING_SECRET", "local-signing-secret");
        given.put("SLACK_BOT_TOKEN", "xoxb-local");

        Map<String, String> env = secrets.resolve(given);

        assertSame(given, env);
        assertTrue(extension.calls().isEmpty());
    }

    @Test
    void oneVariableSet_winsAndOnlyTheOtherComesFromTheSecret() {
        Map<String, String> given = lambdaEnvironment();
        given.put("SLACK_BOT_TOKEN", "xoxb-local");

        Map<String, String> env = secrets.resolve(given);

        assertEquals("xoxb-local", env.get("SLACK_BOT_TOKEN"));
        assertEquals(SIGNING_SECRET, env.get("SLACK_SIGNING_SECRET"));
    }

    @Test
    void noSecretArn_leavesTheEnvironmentAsItIs() {
        Map<String, String> given = lambdaEnvironment();
        given.remove("SLACK_SECRET_ARN");

        Map<String, String> env = secrets.resolve(given);

        assertSame(given, env);
        assertTrue(extension.calls().isEmpty());
    }

    @Test
    void extensionNotReadyAtInit_isAskedAgainUntilItAnswers() {
        extension.notReadyFor(3);

        Map<String, String> env = secrets.resolve(lambdaEnvironment());

        assertEquals(BOT_TOKEN, env.get("SLACK_BOT_TOKEN"));
        assertEquals(4, extension.calls().size());
    }

    @Test
    void unknownSecret_failsWithSecretsManagersOwnAnswer_namingTheVariable() throws Exception {
        try (FakeSecretsManager secretsManager = new FakeSecretsManager()) {
            Map<String, String> given = lambdaEnvironment();
            given.putAll(secretsManager.lambdaCredentials(FakeSecretsExtension.SESSION_TOKEN));
            given.put("SLACK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:typo-XyZ123");

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> secrets(Duration.ofMillis(200)).resolve(given));

            assertTrue(e.getMessage().contains("SLACK_SECRET_ARN"), e.getMessage());
            assertTrue(e.getMessage().contains("Secrets Manager answered 400") && e.getMessage().contains("ResourceNotFoundException"),
                    e.getMessage());
            assertFalse(extension.calls().isEmpty(), "the extension is asked first");
        }
    }

    @Test
    void secretWithoutTheBotToken_failsNamingTheKey_neverTheValue() {
        extension.secret(FakeSecretsExtension.SECRET_ARN, "{\"SLACK_SIGNING_SECRET\":\"" + SIGNING_SECRET + "\"}");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.resolve(lambdaEnvironment()));

        assertTrue(e.getMessage().contains("SLACK_BOT_TOKEN"), e.getMessage());
        assertFalse(e.getMessage().contains(SIGNING_SECRET), e.getMessage());
    }

    @Test
    void secretThatIsNotJson_failsWithoutQuotingIt() {
        extension.secret(FakeSecretsExtension.SECRET_ARN, BOT_TOKEN);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.resolve(lambdaEnvironment()));

        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        assertFalse(e.getMessage().contains(BOT_TOKEN), e.getMessage());
    }

    @Test
    void extensionNeverReadyAtInit_theSecretComesFromSecretsManagerDirectly_signedWithTheFunctionsCredentials() throws Exception {
        extension.notReadyFor(Integer.MAX_VALUE);
        try (FakeSecretsManager secretsManager = new FakeSecretsManager()
                .slackSecret(FakeSecretsExtension.SECRET_ARN, SIGNING_SECRET, BOT_TOKEN)) {
            Map<String, String> given = lambdaEnvironment();
            given.putAll(secretsManager.lambdaCredentials(FakeSecretsExtension.SESSION_TOKEN));

            Map<String, String> env = secrets(Duration.ofMillis(300)).resolve(given);

            assertEquals(SIGNING_SECRET, env.get("SLACK_SIGNING_SECRET"));
            assertEquals(BOT_TOKEN, env.get("SLACK_BOT_TOKEN"));
            assertFalse(extension.calls().isEmpty());
            assertEquals(List.of(new FakeSecretsManager.Call(FakeSecretsExtension.SECRET_ARN, true, FakeSecretsExtension.SESSION_TOKEN)),
                    secretsManager.calls());
        }
    }

    @Test
    void noExtensionLayer_theSecretComesFromSecretsManagerDirectly() throws Exception {
        try (FakeSecretsManager secretsManager = new FakeSecretsManager()
                .slackSecret(FakeSecretsExtension.SECRET_ARN, SIGNING_SECRET, BOT_TOKEN)) {
            Map<String, String> given = lambdaEnvironment();
            given.putAll(secretsManager.lambdaCredentials(FakeSecretsExtension.SESSION_TOKEN));
            given.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(closedPort()));

            Map<String, String> env = secrets(Duration.ofMillis(300)).resolve(given);

            assertEquals(BOT_TOKEN, env.get("SLACK_BOT_TOKEN"));
            assertEquals(1, secretsManager.calls().size());
        }
    }

    @Test
    void extensionOff_asInAContainerImage_readsSecretsManagerAtOnce_neverWaitingForTheExtension() throws Exception {
        try (FakeSecretsManager secretsManager = new FakeSecretsManager()
                .slackSecret(FakeSecretsExtension.SECRET_ARN, SIGNING_SECRET, BOT_TOKEN)) {
            Map<String, String> given = lambdaEnvironment();
            given.putAll(secretsManager.lambdaCredentials(FakeSecretsExtension.SESSION_TOKEN));
            given.put("HMAC_SECRETS_EXTENSION", "off");

            Map<String, String> env = secrets(Duration.ofSeconds(30)).resolve(given);

            assertEquals(SIGNING_SECRET, env.get("SLACK_SIGNING_SECRET"));
            assertEquals(BOT_TOKEN, env.get("SLACK_BOT_TOKEN"));
            assertTrue(extension.calls().isEmpty(), "an extension that is there is not asked either");
            assertEquals(1, secretsManager.calls().size());
        }
    }

    @Test
    void extensionSettingNeitherOnNorOff_isNamed() {
        Map<String, String> given = lambdaEnvironment();
        given.put("HMAC_SECRETS_EXTENSION", "no");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.resolve(given));

        assertTrue(e.getMessage().contains("HMAC_SECRETS_EXTENSION"), e.getMessage());
        assertTrue(extension.calls().isEmpty());
    }

    @Test
    void secretsManagerRefusing_failsNamingItsAnswer_neverAValue() throws Exception {
        extension.notReadyFor(Integer.MAX_VALUE);
        try (FakeSecretsManager secretsManager = new FakeSecretsManager()) {
            Map<String, String> given = lambdaEnvironment();
            given.putAll(secretsManager.lambdaCredentials(FakeSecretsExtension.SESSION_TOKEN));

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> secrets(Duration.ofMillis(200)).resolve(given));

            assertTrue(e.getMessage().contains("Secrets Manager answered 400") && e.getMessage().contains("ResourceNotFoundException"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(FakeSecretsManager.SECRET_ACCESS_KEY), e.getMessage());
        }
    }

    @Test
    void neitherExtensionNorSecretsManagerAnswering_failsNamingBoth() throws Exception {
        Map<String, String> given = lambdaEnvironment();
        given.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(closedPort()));
        given.put("AWS_REGION", "us-east-1");
        given.put("AWS_ACCESS_KEY_ID", FakeSecretsManager.ACCESS_KEY_ID);
        given.put("AWS_SECRET_ACCESS_KEY", FakeSecretsManager.SECRET_ACCESS_KEY);
        given.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + closedPort());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> secrets(Duration.ofMillis(200)).resolve(given));

        assertTrue(e.getMessage().contains("Parameters and Secrets extension") && e.getMessage().contains("Secrets Manager ("),
                e.getMessage());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void noSessionToken_failsSayingWhatToSetOutsideLambda() {
        Map<String, String> given = lambdaEnvironment();
        given.remove("AWS_SESSION_TOKEN");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.resolve(given));

        assertTrue(e.getMessage().contains("AWS_SESSION_TOKEN"), e.getMessage());
        assertTrue(extension.calls().isEmpty());
    }

    @Test
    void portVariableThatIsNotAPort_isNamed() {
        Map<String, String> given = lambdaEnvironment();
        given.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "two thousand");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.resolve(given));

        assertTrue(e.getMessage().contains("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT"), e.getMessage());
    }
}
