package dev.hmac.tests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.tests.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What each deployable jar holds, by construction of the modules: no Jackson in a Lambda jar (jackson-databind
 * costs about 300 ms on a cold JVM; only the server's HMAC_API_URL backend uses it), and none of the bot's Lambda
 * classes or bolt-aws-lambda in the server jar.
 */
class DeployableJarsContentIT {

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void lambdaJars_holdNoJackson() throws Exception {
        Template template = Template.load();
        // An image holds the same jar (DeploymentTemplateIT).
        for (String id : template.zipFunctions()) {
            Path jar = template.codeUri(id);
            List<String> jackson = entries(jar).stream().filter(name -> name.startsWith("com/fasterxml/jackson/")).toList();
            assertEquals(List.of(), jackson, id + " (" + jar + ") holds Jackson");
        }
    }

    @Test
    void serverJar_holdsJacksonForItsRemoteBackend_butNoneOfTheBotsLambdaClasses() throws Exception {
        List<String> entries = entries(ServerProcess.jar());

        assertTrue(entries.contains("com/fasterxml/jackson/databind/ObjectMapper.class"), "the check would see Jackson");
        assertTrue(entries.contains("dev/hmac/bot/SlackApp.class"), "the Slack app itself is in the server");
        assertEquals(List.of(), entries.stream().filter(name -> name.startsWith("dev/hmac/bot/lambda/")
                || name.startsWith("com/slack/api/bolt/aws_lambda/")).toList());
    }

    @Test
    void botJar_logsThroughItsJsonLines_notSlf4jSimple() throws Exception {
        Path jar = Template.load().codeUri(Template.SLACK_FUNCTION);
        List<String> entries = entries(jar);

        assertTrue(entries.contains("dev/hmac/bot/lambda/SlackEventsHandler.class"));
        assertFalse(entries.stream().anyMatch(name -> name.startsWith("org/slf4j/simple/")), "slf4j-simple in the bot jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry providers = zip.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
            assertEquals("dev.hmac.bot.lambda.LambdaLogProvider",
                    new String(zip.getInputStream(providers).readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
