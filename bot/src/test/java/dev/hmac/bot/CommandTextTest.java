package dev.hmac.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.CommandText.Kind;
import dev.hmac.core.Field;
import dev.hmac.core.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandTextTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void noText_opensAnEmptyForm(String text) {
        assertEquals(new CommandText(Kind.SIGN, null, null, false, List.of()), CommandText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "HELP", " help ", "-h", "--help", "?"})
    void help_isRecognised(String text) {
        assertEquals(Kind.HELP, CommandText.parse(text).kind());
    }

    @Test
    void callbackAndClientId_arePrefilled() {
        assertEquals(new CommandText(Kind.SIGN, "https://apoorva.com", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", false,
                List.of()), CommandText.parse("https://apoorva.com  LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ"));
        assertEquals(new CommandText(Kind.SIGN, "https://apoorva.com", null, false, List.of()),
                CommandText.parse("https://apoorva.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "VERIFY", " check "})
    void verify_opensTheCheckForm(String text) {
        assertEquals(new CommandText(Kind.VERIFY, null, null, false, List.of()), CommandText.parse(text));
    }

    @Test
    void verifyWithCallbackAndClientId_prefillsTheCheckForm() {
        assertEquals(new CommandText(Kind.VERIFY, "https://apoorva.com", "my-id", false, List.of()),
                CommandText.parse("verify https://apoorva.com my-id"));
    }

    @Test
    void escapedSlackLinks_areUnwrapped() {
        assertEquals("https://apoorva.com/cb", CommandText.parse("<https://apoorva.com/cb|apoorva.com/cb> id").callback());
        assertEquals("https://apoorva.com/cb", CommandText.parse("<https://apoorva.com/cb> id").callback());
    }

    @Test
    void callbackWithoutScheme_opensTheFormPrefilledWithTheCallbacksProblem() {
        CommandText command = CommandText.parse("example.com my-id");

        assertEquals(Kind.SIGN, command.kind());
        assertEquals("example.com", command.callback());
        assertEquals("my-id", command.clientId());
        assertEquals(List.of(new FieldError(Field.CALLBACK, "Callback URL must be a full web address starting with "
                + "http:// or https://, like https://example.com/callback.")), command.problems());
    }

    @Test
    void tooLongClientId_isAProblemToo() {
        CommandText command = CommandText.parse("verify https://apoorva.com " + "i".repeat(300));

        assertEquals(Kind.VERIFY, command.kind());
        assertEquals(List.of(Field.CLIENT_ID), command.problems().stream().map(FieldError::field).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sign please", "id https://apoorva.com", "verfy", "verify help"})
    void otherText_getsUsage(String text) {
        assertEquals(Kind.UNKNOWN, CommandText.parse(text).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://apoorva.com my-id S6meLXlUY00YVML3", "verify https://apoorva.com my-id S6meLXlUY00YVML3"})
    void threeWords_probablyHoldASecretAndAreNeverPrefilled(String text) {
        CommandText command = CommandText.parse(text);

        assertEquals(Kind.UNKNOWN, command.kind());
        assertTrue(command.tooManyWords());
        assertEquals(null, command.callback());
    }
}
