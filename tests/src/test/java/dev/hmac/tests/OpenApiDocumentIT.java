package dev.hmac.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The REST contract, {@code api/openapi.yaml}, through its npm tools: it lints clean with redocly's recommended
 * rules, and the Postman collection committed in {@code docs/postman/} is exactly what the generator makes of it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenApiDocumentIT {
    private static final Duration RUN = Duration.ofSeconds(90);
    private static Optional<ContractTools> tools;

    @BeforeAll
    static void find() {
        tools = ContractTools.find();
    }

    @Test
    void document_lintsCleanWithRedocly() throws Exception {
        assumeTrue(tools.isPresent(), ContractTools::missing);

        ContractTools.Result lint = tools.get().tool("redocly", RUN, "lint", "openapi.yaml");

        assertEquals(0, lint.exitCode(), lint.output());
        assertTrue(lint.output().contains("Your API description is valid"), lint.output());
        assertFalse(lint.output().matches("(?s).*You have \\d+ warnings?.*"), lint.output());
    }

    @Test
    void postmanCollection_isWhatTheDocumentMakes() throws Exception {
        assumeTrue(tools.isPresent(), ContractTools::missing);

        ContractTools.Result check = tools.get().node(RUN, "postman.js", "--check");

        assertEquals(0, check.exitCode(), check.output());
    }
}
