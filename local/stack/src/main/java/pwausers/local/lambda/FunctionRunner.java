package pwausers.local.lambda;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import pwausers.local.http.RequestIds;
import pwausers.local.template.LocalFunction;

/**
 * Runs one function as Lambda runs it: in execution environments, each a JVM of its own under Lambda's runtime
 * interface client ({@link ExecutionEnvironment}), fed one event at a time through a Runtime API ({@link RuntimeApi}),
 * and kept in a pool ({@link EnvironmentPool}); what became of each request is its {@link Result}.
 *
 * <p>Concurrency, as on Lambda (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html): an environment
 * serves one request at a time; a request that finds none free gets a new one (a cold start), up to the function's
 * cap. With the template's reserved concurrency as the cap, a request beyond it is throttled at once, as Lambda
 * throttles it ({@link Kind#THROTTLED}: the Invoke API's 429 TooManyRequestsException, API Gateway's 500). Without
 * one, Lambda would scale to the account's quota (1,000 by default), which this machine cannot: the cap is then
 * {@link #DEFAULT_CONCURRENCY}, and a request beyond it waits for a free environment, so that a burst is served late
 * rather than refused.
 *
 * <p>A request's wait for an environment (a free one, or a cold start) stands in for Lambda's cold start: as there,
 * the function's Timeout runs from when its environment starts the invocation ("The function's timeout setting limits
 * the duration of the entire Invoke phase",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html), and the wait counts against the
 * caller's own bound (API Gateway's integration timeout): one that finds no environment free within it is answered as
 * never run ({@link Kind#NOT_RUN}: API Gateway's 504, the Invoke API's 429).
 *
 * <p>A request that outlives the function's Timeout kills its environment, as Lambda does; the next request gets a
 * fresh one. {@link #reload()} starts fresh environments on a new copy of the code.
 */
public final class FunctionRunner implements AutoCloseable {
    /**
     * Lambda's limit on a synchronous invocation's payload (the event): Lambda refuses a larger one with 413
     * RequestEntityTooLargeException before the function runs, whoever invokes it (the Invoke API, API Gateway).
     */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    /**
     * Environments of one function at once when the template reserves no concurrency: four a core (8 on 2 cores).
     * Each is a JVM that spends most of a request waiting on DynamoDB, so a core serves several; about 70 MiB each,
     * started only when concurrent requests need them (docs/performance.md, "What up costs").
     */
    public static final int DEFAULT_CONCURRENCY = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
    /**
     * How long a request of the Invoke API or of {@code invoke} waits for an environment (a cold start on a busy
     * machine, or a free one), then it is not run: the AWS CLI's and the SDKs' own read timeout.
     */
    public static final Duration WAIT = Duration.ofSeconds(60);

    /** What became of a request. */
    public enum Kind {
        /** The function returned its answer. */
        ANSWERED,
        /** The function failed: it threw, its init failed, or its runtime exited; {@link Result#error()} says how. */
        FAILED,
        /** It outlived the function's Timeout. */
        TIMED_OUT,
        /** Beyond the function's reserved concurrency: it never ran. */
        THROTTLED,
        /** No environment was free within the caller's bound on the wait (the local cap, not Lambda's): it never ran. */
        NOT_RUN,
        /** The local stack stopped before the function answered. */
        STOPPED
    }

    /**
     * What a request came to: the function's answer, or the error Lambda reports (the runtime client's
     * {@code {"errorMessage", "errorType", "stackTrace"}}), what the function logged meanwhile, and how long the
     * function spent on it (Lambda's Duration: from the runtime's taking the event to its answer; -1 when it never ran).
     */
    public record Result(String requestId, Kind kind, byte[] output, byte[] error, String errorType, String log,
                         double durationMillis) {
        public boolean failed() {
            return kind != Kind.ANSWERED;
        }

        public boolean timedOut() {
            return kind == Kind.TIMED_OUT;
        }
    }

    /**
     * What Lambda itself and CloudWatch Logs see of a function, for {@code up}'s metrics: each line of its log, as its
     * runtime wrote it, and the end of each request, with the environments busy when it began (the request's own
     * included). Called on the threads that run the function and read its output: it must not block.
     */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        default void logLine(String functionName, String line) {
        }

        default void invoked(String functionName, Result result, int concurrentExecutions) {
        }
    }

    private final LocalFunction function;
    private final PrintStream log;
    private final Observer observer;
    private final EnvironmentPool pool;

    /** A function with the environment its template entry gives it, started on demand. */
    public FunctionRunner(LocalFunction function, PrintStream log) {
        this(function, function.environment(), log, false);
    }

    /**
     * @param environment the whole environment the function sees (see {@link FunctionEnvironment})
     * @param log         where the function's log lines go
     * @param snapStart   whether its environments initialise as SnapStart does: the runtime client runs the
     *                    function's beforeCheckpoint hooks, calls restore/next (the snapshot's moment), then its
     *                    afterRestore hooks, before the first request
     */
    public FunctionRunner(LocalFunction function, Map<String, String> environment, PrintStream log, boolean snapStart) {
        this(function, environment, log, snapStart, Observer.NONE, DEFAULT_CONCURRENCY);
    }

    /**
     * As above; the observer sees each line of the function's log and the end of each request, and {@code localCap}
     * environments at most run at once when the template reserves no concurrency ({@link #DEFAULT_CONCURRENCY}).
     */
    public FunctionRunner(LocalFunction function, Map<String, String> environment, PrintStream log, boolean snapStart,
                          Observer observer, int localCap) {
        this(function, environment, log, snapStart, observer, environmentOfSnapshot -> { }, localCap);
    }

    /** As above; onSnapshot is called at each environment's snapshot moment, before its runtime is answered. */
    FunctionRunner(LocalFunction function, Map<String, String> environment, PrintStream log, boolean snapStart,
                   Consumer<ExecutionEnvironment> onSnapshot) {
        this(function, environment, log, snapStart, Observer.NONE, onSnapshot, DEFAULT_CONCURRENCY);
    }

    /** As above, with {@code localCap} environments at most when the template reserves no concurrency. */
    FunctionRunner(LocalFunction function, Map<String, String> environment, PrintStream log, boolean snapStart,
                   Consumer<ExecutionEnvironment> onSnapshot, int localCap) {
        this(function, environment, log, snapStart, Observer.NONE, onSnapshot, localCap);
    }

    private FunctionRunner(LocalFunction function, Map<String, String> environment, PrintStream log, boolean snapStart,
                           Observer observer, Consumer<ExecutionEnvironment> onSnapshot, int localCap) {
        if (function.codeUri() == null) {
            throw new IllegalArgumentException("the function " + function.name() + " has no CodeUri: nothing to run");
        }
        this.function = function;
        this.log = log;
        this.observer = observer;
        boolean reserved = function.reservedConcurrency() > 0;
        ExecutionEnvironment.Launch launch = new ExecutionEnvironment.Launch(function, Map.copyOf(environment),
                LambdaJvm.forRuntime(function.runtime(), snapStart), new RuntimeApi(function.name()), log, observer,
                onSnapshot);
        this.pool = new EnvironmentPool(function, launch, snapStart,
                reserved ? function.reservedConcurrency() : localCap, reserved);
    }

    public LocalFunction function() {
        return function;
    }

    /** The requests that hold an environment now. */
    int inFlight() {
        return pool.inFlight();
    }

    /** The process ids of the function's environments now. */
    public List<Long> pids() {
        return pool.pids();
    }

    /**
     * Starts one environment now and waits for its init, as Lambda would before a first request: fails fast.
     *
     * @throws IllegalStateException if the code is not built or the function's init failed (with its error)
     */
    public void start() {
        pool.start();
    }

    /**
     * Copies the code afresh and starts an environment on it (a new init); the requests that follow run there, and
     * the environments of the old code stop once they have answered the request they have. If the new init fails,
     * the old code keeps serving and the failure is thrown.
     *
     * @throws IllegalStateException with the init's error
     */
    public void reload() {
        pool.reload();
    }

    /** {@link #invoke(byte[], Duration)}, waiting for an environment at most {@link #WAIT}. */
    public Result invoke(byte[] event) {
        return invoke(event, WAIT);
    }

    /**
     * Runs the function on the event, in a free environment (a new one if none is free and the cap allows), within
     * the function's Timeout from when the environment starts it.
     *
     * @param maxWait how long it may wait for an environment; it is not run ({@link Kind#NOT_RUN}) if none is free by
     *                then
     */
    public Result invoke(byte[] event, Duration maxWait) {
        Invocation invocation = new Invocation(RequestIds.next(), event);
        Result result = run(invocation, maxWait);
        observer.invoked(function.name(), result, invocation.concurrentExecutions());
        return result;
    }

    private Result run(Invocation invocation, Duration maxWait) {
        ExecutionEnvironment environment;
        try {
            environment = pool.acquire(invocation, maxWait);
        } catch (ExecutionEnvironment.InitFailure failure) {
            return outcome(invocation, failure.outcome);
        } catch (EnvironmentPool.Throttled throttled) {
            return result(invocation, throttled.waited ? Kind.NOT_RUN : Kind.THROTTLED, null, null);
        } catch (EnvironmentPool.Stopping stopping) {
            return result(invocation, Kind.STOPPED, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(invocation, Kind.STOPPED, null, null);
        }
        Invocation.Outcome outcome = null;
        try {
            outcome = environment.run(invocation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            environment.stop();
        } finally {
            pool.release(environment, outcome != null);
        }
        if (outcome == null) {
            if (Thread.currentThread().isInterrupted() || pool.isClosed()) {
                return result(invocation, Kind.STOPPED, null, null);
            }
            log.println(LambdaErrors.timedOutLogLine(invocation.requestId, function.timeoutSeconds()));
            return result(invocation, Kind.TIMED_OUT, null, null);
        }
        return outcome(invocation, outcome);
    }

    private Result outcome(Invocation invocation, Invocation.Outcome outcome) {
        if (outcome.response() != null) {
            return new Result(invocation.requestId, Kind.ANSWERED, outcome.response(), null, null, invocation.log(),
                    invocation.durationMillis());
        }
        if (ExecutionEnvironment.STOPPED.equals(outcome.errorType())) {
            return result(invocation, Kind.STOPPED, null, null);
        }
        return result(invocation, Kind.FAILED, outcome.error(), errorType(outcome));
    }

    /** The error's type as the runtime client wrote it in the error ({@code errorType}), else its header's. */
    private static String errorType(Invocation.Outcome outcome) {
        String type = LambdaErrors.errorType(outcome.error());
        return type != null ? type : outcome.errorType();
    }

    private static Result result(Invocation invocation, Kind kind, byte[] error, String errorType) {
        return new Result(invocation.requestId, kind, null, error, errorType, invocation.log(),
                invocation.durationMillis());
    }

    /**
     * Stops every environment at once: a request still in flight ends as {@link Kind#STOPPED}. The caller drains
     * first (lets the requests in flight finish) if it wants them answered.
     */
    @Override
    public void close() {
        pool.close();
    }
}
