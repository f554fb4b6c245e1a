package dev.hmac.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hmac.bot.CommandText.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CommandTextTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void noText_opensAnEmptyForm(String text) {
        assertEquals(new CommandText(Kind.OPEN, null, null, false), CommandText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "HELP", " help ", "-h", "--help", "?"})
    void help_isRecognised(String text) {
        assertEquals(Kind.HELP, CommandText.parse(text).kind());
    }

    @Test
    void callbackAndClientId_arePrefilled() {
        assertEquals(new CommandText(Kind.OPEN, "https://apoorva.com", "LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ", false),
                CommandText.parse("https://apoorva.com  LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ"));
        assertEquals(new CommandText(Kind.OPEN, "https://apoorva.com", null, false), CommandText.parse("https://apoorva.com"));
    }

    @Test
    void escapedSlackLinks_areUnwrapped() {
        assertEquals("https://apoorva.com/cb", CommandText.parse("<https://apoorva.com/cb|apoorva.com/cb> id").callback());
        assertEquals("https://apoorva.com/cb", CommandText.parse("<https://apoorva.com/cb> id").callback());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sign please", "apoorva.com id", "id https://apoorva.com"})
    void otherText_getsUsage(String text) {
        assertEquals(Kind.UNKNOWN, CommandText.parse(text).kind());
    }

    @Test
    void threeWords_probablyHoldASecretAndAreNeverPrefilled() {
        CommandText command = CommandText.parse("https://apoorva.com my-id S6meLXlUY00YVML3");

        assertEquals(Kind.UNKNOWN, command.kind());
        assertTrue(command.tooManyWords());
        assertEquals(null, command.callback());
    }
}
