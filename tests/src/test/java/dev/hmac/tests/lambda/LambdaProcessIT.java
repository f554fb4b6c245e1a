package dev.hmac.tests.lambda;

import dev.hmac.tests.lambda.RuntimeApiServer.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the fixture handlers under the real runtime interface client against {@link RuntimeApiServer}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LambdaProcessIT {

    private static final Path HANDLERS_JAR = Path.of(System.getProperty("handlers.jar"));
    private static final Duration ANSWER = Duration.ofSeconds(20);

    private RuntimeApiServer api;
    private LambdaProcess lambda;

    @BeforeEach
    void startApi() throws Exception {
        api = RuntimeApiServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (lambda != null) {
            lambda.close();
        }
        api.close();
    }

    @Test
    void streamHandler_answersWithTheEventAndItsLogLineIsCaptured() throws Exception {
        var invocation = api.enqueue("{\"hello\":\"world\"}");
        lambda = launch("dev.hmac.tests.lambda.fixtures.EchoStreamHandler::handleRequest").handlerJar(HANDLERS_JAR).start();

        Outcome outcome = invocation.await(ANSWER);

        assertEquals(Outcome.Kind.RESPONSE, outcome.kind(), lambda::output);
        assertEquals("{\"hello\":\"world\"}", outcome.body());
        assertTrue(lambda.startNanos() < outcome.servedNanos() && outcome.servedNanos() < outcome.arrivedNanos());
        assertTrue(lambda.awaitLine(line -> line.equals("echo " + invocation.requestId()), ANSWER).isPresent(), lambda::output);
        assertTrue(lambda.peakRssKb().orElseThrow() > 10_000, "peak RSS in KiB");
    }

    @Test
    void largeResponse_arrivesWhole() throws Exception {
        String event = "{\"padding\":\"" + "x".repeat(64 * 1024) + "\"}";
        var invocation = api.enqueue(event);
        lambda = launch("dev.hmac.tests.lambda.fixtures.EchoStreamHandler::handleRequest").handlerJar(HANDLERS_JAR).start();

        Outcome outcome = invocation.await(ANSWER);

        assertEquals(event, outcome.body(), lambda::output);
    }

    @Test
    void pojoHandler_fromAnUnzippedTaskRoot_getsTheEventAndContext(@TempDir Path taskRoot) throws Exception {
        var invocation = api.enqueue("{\"name\":\"Ada\"}");
        LambdaProcess.unzip(HANDLERS_JAR, taskRoot);
        lambda = launch("dev.hmac.tests.lambda.fixtures.GreetingHandler").taskRoot(taskRoot).start();

        Outcome outcome = invocation.await(ANSWER);

        assertEquals(Outcome.Kind.RESPONSE, outcome.kind(), lambda::output);
        assertTrue(outcome.body().contains("\"greeting\":\"hello Ada\""), outcome.body());
        assertTrue(outcome.body().contains("\"function\":\"hmac-test\""), outcome.body());
        assertTrue(outcome.body().contains("\"requestId\":\"" + invocation.requestId() + "\""), outcome.body());
    }

    @Test
    void throwingHandler_isReportedAsAnInvocationError_andTheRuntimeServesTheNextEvent() throws Exception {
        var first = api.enqueue("{\"name\":\"Ada\"}");
        var second = api.enqueue("{\"name\":\"Grace\"}");
        lambda = launch("dev.hmac.tests.lambda.fixtures.FailingHandler::handleRequest").handlerJar(HANDLERS_JAR).start();

        Outcome outcome = first.await(ANSWER);

        assertEquals(Outcome.Kind.ERROR, outcome.kind(), lambda::output);
        assertEquals("Runtime.UserException", outcome.errorType());
        assertTrue(outcome.body().contains("\"errorType\":\"java.lang.IllegalStateException\""), outcome.body());
        assertTrue(outcome.body().contains("no greeting for Ada"), outcome.body());
        assertTrue(second.await(ANSWER).body().contains("no greeting for Grace"), lambda::output);
    }

    @Test
    void handlerFailingInItsConstructor_isReportedAsAnInitError_andTheRuntimeExits() throws Exception {
        api.enqueue("{}");
        lambda = launch("dev.hmac.tests.lambda.fixtures.BrokenInitHandler::handleRequest").handlerJar(HANDLERS_JAR).start();

        Outcome outcome = api.initError().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("Runtime.BadFunctionCode", outcome.errorType());
        assertTrue(outcome.body().contains("missing configuration"), outcome.body());
        assertNotEquals(0, lambda.awaitExit(ANSWER).orElseThrow(), lambda::output);
    }

    @Test
    void missingHandlerClass_isReportedAsAnErrorOfTheInvocation() throws Exception {
        var invocation = api.enqueue("{}");
        lambda = launch("dev.hmac.tests.lambda.fixtures.NoSuchHandler::handleRequest").handlerJar(HANDLERS_JAR).start();

        Outcome outcome = invocation.await(ANSWER);

        assertEquals("Runtime.BadFunctionCode", outcome.errorType(), lambda::output);
        assertTrue(outcome.body().contains("Class not found: dev.hmac.tests.lambda.fixtures.NoSuchHandler"), outcome.body());
    }

    private LambdaProcess.Builder launch(String handler) {
        return LambdaProcess.builder(handler).runtimeApi(api).pinToCpu(0);
    }
}
