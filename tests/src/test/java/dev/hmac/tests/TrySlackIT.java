package dev.hmac.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code scripts/try-slack}, the README's way to see the bot without a workspace, run as a developer runs it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TrySlackIT {
    private static final Path ROOT = Path.of(System.getProperty("hmac.root", "..")).toAbsolutePath().normalize();

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("scripts/try-slack").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().remove("HMAC_CLIENT_SECRET");
        // What this build made: the script then starts at once instead of building again.
        builder.environment().put("TRY_SLACK_CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "try-slack did not finish");
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }

    @Test
    void defaultRun_showsTheModalAndThePrivateReply_neverTheSecret() throws Exception {
        Result result = run();

        assertEquals(0, result.exitCode(), result.output());
        String out = result.output();
        assertTrue(out.contains("┌ HMAC signature"), out);
        assertTrue(out.contains("│ Callback URL: [https://example.com/callback  (placeholder, empty)]"), out);
        assertTrue(out.contains("│ Client secret: []"), out);
        assertTrue(out.contains("[Cancel]  [Sign]"), out);
        assertTrue(out.contains("hmac  (only visible to you; ephemeral)"), out);
        assertTrue(out.contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="), out);
        assertTrue(out.contains("2015-10-13 18:57:58 UTC"), out);
        assertTrue(out.contains("hmac is running at"), "the server's own log follows: " + out);
        assertFalse(out.contains("S6meLXlUY00YVML3"), "the client secret was printed: " + out);
    }

    @Test
    void invalidCallback_showsTheFieldErrorsTheModalWouldShow() throws Exception {
        Result result = run("--callback", "example.com");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("the modal stays open, with these errors under its fields:"), result.output());
        assertTrue(result.output().contains("callback: Callback URL must be a full web address"), result.output());
    }

    @Test
    void verify_checksASignatureWithHmacVerify_andSaysWhatDiffers() throws Exception {
        Result result = run("--verify");

        assertEquals(0, result.exitCode(), result.output());
        String out = result.output();
        assertTrue(out.contains("1. You type /hmac verify."), out);
        assertTrue(out.contains("┌ Check a signature"), out);
        assertTrue(out.contains("[Cancel]  [Check]"), out);
        assertTrue(out.contains("No match."), out);
        assertTrue(out.contains("URL-decoded"), out);
        assertTrue(out.contains("WRfKcxY3ddRv/mi8gi1OaU4Yd+yVL+L8tbwjqP8bMlQ="), "the right signature: " + out);
        assertFalse(out.contains("S6meLXlUY00YVML3"), "the client secret was printed: " + out);
    }
}
