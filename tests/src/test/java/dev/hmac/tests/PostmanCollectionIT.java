package dev.hmac.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hmac.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The committed Postman collection run by newman against the server jar, started as a user starts it with an API
 * key: every request's test scripts (generated from the document: each answer of the contract's shape for its
 * status, each example's answer exactly the documented one, the request without the key refused) must pass.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PostmanCollectionIT {
    private static final String API_KEY = "k3y-for-newman";
    private static final Path COLLECTION = ContractTools.ROOT.resolve("docs/postman/hmac.postman_collection.json");
    private static final Path ENVIRONMENT = ContractTools.ROOT.resolve("docs/postman/hmac.postman_environment.json");
    private static final Path REPORT = Path.of(System.getProperty("hmac.buildDir", "target"), "newman", "report.json");

    @Test
    void collection_passesEveryTestAgainstTheServer() throws Exception {
        Optional<ContractTools> tools = ContractTools.find();
        assumeTrue(tools.isPresent(), ContractTools::missing);
        Files.createDirectories(REPORT.getParent());
        Files.deleteIfExists(REPORT);

        List<String> output;
        ContractTools.Result run;
        try (ServerProcess server = ServerProcess.start(Map.of("HMAC_API_KEY", API_KEY))) {
            String baseUrl = server.uri().toString().replaceAll("/$", "");
            run = tools.get().tool("newman", Duration.ofSeconds(120), "run", COLLECTION.toString(),
                    "--environment", ENVIRONMENT.toString(), "--env-var", "baseUrl=" + baseUrl,
                    "--env-var", "apiKey=" + API_KEY, "--reporters", "cli,json", "--reporter-json-export",
                    REPORT.toString(), "--color", "off", "--timeout-request", "10000");
            output = server.stop();
        }

        assertEquals(0, run.exitCode(), run.output());
        Map<?, ?> stats = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(Files.readString(REPORT))).get("run")).get("stats");
        assertEquals(0L, number(stats, "requests", "failed"), run.output());
        assertEquals(0L, number(stats, "assertions", "failed"), run.output());
        assertEquals(0L, number(stats, "testScripts", "failed"), run.output());
        // Both operations, each with its examples: none left out, none skipped for want of a key.
        assertEquals(13L, number(stats, "requests", "total"), run.output());
        assertTrue(number(stats, "assertions", "total") >= 60, run.output());
        assertTrue(!run.output().contains("skipped"), run.output());
        assertTrue(output.stream().noneMatch(line -> line.contains("S6meLXlUY00YVML3")), output.toString());
    }

    private static long number(Map<?, ?> stats, String group, String name) {
        return ((Number) ((Map<?, ?>) stats.get(group)).get(name)).longValue();
    }
}
