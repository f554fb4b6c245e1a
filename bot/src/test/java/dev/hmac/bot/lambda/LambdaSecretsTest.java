package dev.hmac.bot.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.BotConfig;
import dev.hmac.bot.testing.FakeSecretsExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading the Slack secrets through a fake Parameters and Secrets extension on loopback. */
class LambdaSecretsTest {
    private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String BOT_TOKEN = "xoxb-1111-2222-from-secrets-manager";

    private FakeSecretsExtension extension;
    private final LambdaSecrets secrets = new LambdaSecrets(Duration.ofSeconds(3));

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
        BotConfig config = BotConfig.requiredFromEnvironment(env);
        assertEquals(BOT_TOKEN, config.botToken());
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
    void noSecretArn_leavesTheEnvironmentAsItIs_andTheConfigNamesWhatIsMissing() {
        Map<String, String> given = lambdaEnvironment();
        given.remove("SLACK_SECRET_ARN");

        Map<String, String> env = secrets.resolve(given);

        assertSame(given, env);
        assertTrue(extension.calls().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> BotConfig.requiredFromEnvironment(env));
    }

    @Test
    void extensionNotReadyAtInit_isAskedAgainUntilItAnswers() {
        extension.notReadyFor(3);

        Map<String, String> env = secrets.resolve(lambdaEnvironment());

        assertEquals(BOT_TOKEN, env.get("SLACK_BOT_TOKEN"));
        assertEquals(4, extension.calls().size());
    }

    @Test
    void unknownSecret_failsAtOnceNamingTheVariableAndTheAnswer() {
        Map<String, String> given = lambdaEnvironment();
        given.put("SLACK_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:typo-XyZ123");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> secrets.resolve(given));

        assertTrue(e.getMessage().contains("SLACK_SECRET_ARN"), e.getMessage());
        assertTrue(e.getMessage().contains("400") && e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertEquals(1, extension.calls().size());
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
    void noExtensionListening_failsAfterItsPatienceAskingForTheLayer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> given = lambdaEnvironment();
        given.put("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Integer.toString(closedPort));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new LambdaSecrets(Duration.ofMillis(300)).resolve(given));

        assertTrue(e.getMessage().contains("layer"), e.getMessage());
        assertTrue(e.getMessage().contains(Integer.toString(closedPort)), e.getMessage());
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
