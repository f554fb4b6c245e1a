package dev.hmac.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentVariablesTest {
    private final EnvironmentVariables env = new EnvironmentVariables(Map.of("SET", "  value \n", "BLANK", " \t",
            "PORT", " 8080 ", "ZERO", "0"));

    @Test
    void valuesAreTrimmed_andBlankOnesCountAsUnset() {
        assertEquals(Optional.of("value"), env.get("SET"));
        assertEquals(Optional.empty(), env.get("BLANK"));
        assertEquals(Optional.empty(), env.get("MISSING"));
        assertTrue(env.isSet("SET"));
        assertFalse(env.isSet("BLANK"));
    }

    @Test
    void ports_fromZeroTo65535_unsetIsEmpty() {
        assertEquals(OptionalInt.of(8080), env.port("PORT"));
        assertEquals(OptionalInt.of(0), env.port("ZERO"));
        assertEquals(OptionalInt.empty(), env.port("BLANK"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "-1", "65536", "80.5", "99999999999"})
    void notAPort_isRefusedNamingTheVariableNotTheValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EnvironmentVariables(Map.of("SOME_PORT", value)).port("SOME_PORT"));

        assertEquals("SOME_PORT must be a port number from 0 to 65535.", e.getMessage());
    }
}
