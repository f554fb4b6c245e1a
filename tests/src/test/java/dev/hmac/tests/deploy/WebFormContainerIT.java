package dev.hmac.tests.deploy;

import dev.hmac.tests.ServerProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web form's image, as far as it can be proved without a Docker engine: infra/Dockerfile says what the image
 * runs, and the server jar it copies is started here exactly that way (its JVM options and variables) and must
 * pass the image's own health check on every interface.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebFormContainerIT {
    private static final String JAR_IN_IMAGE = "/app/hmac-server.jar";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Dockerfile dockerfile;

    @BeforeAll
    static void load() throws Exception {
        dockerfile = Dockerfile.load();
    }

    @Test
    void dockerfile_runsTheBuiltServerJar_asANonRootUser_onAllInterfaces_withAHealthCheck() throws Exception {
        assertTrue(dockerfile.last("FROM").startsWith("eclipse-temurin:21-jre"), dockerfile.last("FROM"));

        assertTrue(dockerfile.all("COPY").contains("server/target/hmac-server.jar " + JAR_IN_IMAGE), dockerfile.all("COPY").toString());
        assertTrue(Files.isRegularFile(Template.INFRA.resolveSibling("server/target/hmac-server.jar")));
        String ignore = Files.readString(Template.INFRA.resolve("Dockerfile.dockerignore"));
        assertTrue(ignore.contains("!server/target/hmac-server.jar"), "the build context must keep the jar");

        String user = dockerfile.last("USER");
        String uid = user.split(":")[0];
        assertFalse(uid.equals("root") || uid.equals("0"), "runs as root: " + user);
        int userAt = dockerfile.instructions().lastIndexOf(new Dockerfile.Instruction("USER", user));
        for (int i = userAt + 1; i < dockerfile.instructions().size(); i++) {
            assertNotEquals("USER", dockerfile.instructions().get(i).keyword());
        }

        Map<String, String> env = dockerfile.env();
        assertEquals("0.0.0.0", env.get("HOST"), "the server's default, loopback, is unreachable from the load balancer");
        assertEquals(List.of(env.get("PORT")), dockerfile.all("EXPOSE"));

        List<String> entrypoint = dockerfile.entrypoint();
        assertEquals("java", entrypoint.get(0));
        assertEquals(List.of("-jar", JAR_IN_IMAGE), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
        assertTrue(dockerfile.all("CMD").isEmpty(), "no CMD: arguments would be appended to the entry point");

        String healthCheck = dockerfile.healthCheckCommand();
        assertTrue(healthCheck.contains("/healthz") && healthCheck.contains("${PORT}"), healthCheck);
    }

    @Test
    void serverJar_startedAsTheImageStartsIt_answersOnEveryInterface_andPassesTheImagesHealthCheck() throws Exception {
        List<String> entrypoint = dockerfile.entrypoint();
        List<String> jvmOptions = entrypoint.subList(1, entrypoint.indexOf("-jar"));
        Map<String, String> env = new HashMap<>(dockerfile.env());
        // Any free port: 8080 may be taken on this machine. Inside the container nothing else listens.
        env.put("PORT", "0");

        int port;
        try (ServerProcess server = ServerProcess.start(jvmOptions, env)) {
            port = server.uri().getPort();
            assertHealthy(URI.create("http://127.0.0.1:" + port + "/healthz"));
            Optional<InetAddress> external = nonLoopbackAddress();
            if (external.isPresent()) {
                assertHealthy(URI.create("http://" + external.get().getHostAddress() + ":" + port + "/healthz"));
            }

            assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl (which the image has) is needed to run its check");
            assertEquals(0, healthCheck(port), "the image's HEALTHCHECK against the running server");
        }
        assertNotEquals(0, healthCheck(port), "the same check once the server is gone");
    }

    private static void assertHealthy(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri.toString());
        assertEquals("{\"status\":\"ok\"}", response.body());
    }

    /** Runs the HEALTHCHECK command as Docker does, through /bin/sh -c, with the image's variables. */
    private static int healthCheck(int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", dockerfile.healthCheckCommand()).redirectErrorStream(true);
        builder.environment().putAll(dockerfile.env());
        builder.environment().put("PORT", Integer.toString(port));
        Process check = builder.start();
        check.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(check.waitFor(10, TimeUnit.SECONDS), "the health check hangs");
        return check.exitValue();
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
