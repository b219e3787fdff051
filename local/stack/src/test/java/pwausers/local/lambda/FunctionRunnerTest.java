package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import pwausers.local.gateway.EchoHandler;
import pwausers.local.template.LocalFunction;
import pwausers.local.testing.TestFunctions;

/**
 * Execution environments as Lambda keeps them: one request at a time in each, more environments for concurrent
 * requests up to the cap, throttling beyond a reserved concurrency, an environment killed and replaced when a request
 * outlives the Timeout. Each test has its own runner and environments, and most of its time waits for a Timeout, so
 * the tests run side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
class FunctionRunnerTest {
    private static final byte[] QUICK = "{\"path\":\"/echo/x\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OUTLIVES_ITS_TIMEOUT = "{\"path\":\"/echo/sleep\"}".getBytes(StandardCharsets.UTF_8);
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private static FunctionRunner echo(int reservedConcurrency) {
        LocalFunction echo = TestFunctions.of("Echo", EchoHandler.class, TestFunctions.TIMEOUT_SECONDS);
        return new FunctionRunner(new LocalFunction(echo.name(), echo.handler(), echo.memoryMb(), echo.timeoutSeconds(),
                Map.of(), echo.codeUri(), Map.of(), "java21", false, reservedConcurrency), QUIET);
    }

    @Test
    void concurrentRequests_getAnEnvironmentEach_andBeyondAReservedConcurrency_areThrottledAtOnce() throws Exception {
        try (FunctionRunner runner = echo(2)) {
            runner.start();
            runner.start(); // two environments ready, so that the two requests overlap whatever their JVMs' start takes
            CompletableFuture<FunctionRunner.Result> first = CompletableFuture.supplyAsync(() -> runner.invoke(OUTLIVES_ITS_TIMEOUT));
            CompletableFuture<FunctionRunner.Result> second = CompletableFuture.supplyAsync(() -> runner.invoke(OUTLIVES_ITS_TIMEOUT));
            await("two requests in two environments", () -> runner.inFlight() == 2);
            assertThat(runner.pids()).hasSize(2);

            FunctionRunner.Result third = runner.invoke(QUICK);

            assertThat(third.kind()).isEqualTo(FunctionRunner.Kind.THROTTLED);
            assertThat(first.get().kind()).isEqualTo(FunctionRunner.Kind.TIMED_OUT);
            assertThat(second.get().kind()).isEqualTo(FunctionRunner.Kind.TIMED_OUT);
            assertThat(runner.invoke(QUICK).kind()).as("served again once the two are done").isEqualTo(FunctionRunner.Kind.ANSWERED);
        }
    }

    @Test
    void aRequestThatWaitsForABusyEnvironment_runsWithItsWholeTimeout_andOneThatFindsNoneInItsBound_isNotRun()
            throws Exception {
        LocalFunction function = TestFunctions.of("Echo", EchoHandler.class, TestFunctions.TIMEOUT_SECONDS);
        try (FunctionRunner runner = new FunctionRunner(function, function.environment(), QUIET, false, e -> { }, 1)) {
            runner.start();
            CompletableFuture<FunctionRunner.Result> busy = CompletableFuture.supplyAsync(() -> runner.invoke(OUTLIVES_ITS_TIMEOUT));
            await("the one environment busy", () -> runner.inFlight() == 1);

            FunctionRunner.Result notRun = runner.invoke(QUICK, Duration.ZERO);
            // waits the busy one's whole Timeout, and a fresh environment's start: then it has its own whole Timeout
            FunctionRunner.Result waited = runner.invoke(QUICK);

            assertThat(notRun.kind()).isEqualTo(FunctionRunner.Kind.NOT_RUN);
            assertThat(busy.get().kind()).isEqualTo(FunctionRunner.Kind.TIMED_OUT);
            assertThat(waited.kind()).isEqualTo(FunctionRunner.Kind.ANSWERED);
        }
    }

    @Test
    void aRequestThatOutlivesTheTimeout_killsItsEnvironment_andTheNextGetsAFreshOne() throws Exception {
        try (FunctionRunner runner = echo(0)) {
            assertThat(runner.invoke(QUICK).kind()).isEqualTo(FunctionRunner.Kind.ANSWERED);
            List<Long> before = runner.pids();
            ProcessHandle old = ProcessHandle.of(before.get(0)).orElseThrow();

            FunctionRunner.Result timedOut = runner.invoke(OUTLIVES_ITS_TIMEOUT);

            assertThat(timedOut.kind()).isEqualTo(FunctionRunner.Kind.TIMED_OUT);
            assertThat(old.onExit()).succeedsWithin(Duration.ofSeconds(30));
            FunctionRunner.Result next = runner.invoke(QUICK);
            assertThat(next.kind()).isEqualTo(FunctionRunner.Kind.ANSWERED);
            assertThat(runner.pids()).doesNotContainAnyElementsOf(before);
        }
    }

    @Test
    void whatIsInFlightWhenTheRunnerCloses_endsAsStopped_andNoProcessIsLeft() throws Exception {
        FunctionRunner runner = echo(0);
        CompletableFuture<FunctionRunner.Result> inFlight = CompletableFuture.supplyAsync(() -> runner.invoke(OUTLIVES_ITS_TIMEOUT));
        await("the request in its environment", () -> runner.inFlight() == 1);
        ProcessHandle environment = ProcessHandle.of(runner.pids().get(0)).orElseThrow();

        runner.close();

        assertThat(inFlight.get().kind()).isEqualTo(FunctionRunner.Kind.STOPPED);
        assertThat(environment.onExit()).succeedsWithin(Duration.ofSeconds(10));
    }

    /** Polls the condition until it holds, for at most 60 s. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within 60 s", what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
