package pwausers.local.lambda;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import pwausers.local.http.RequestIds;
import pwausers.local.template.LocalFunction;

/**
 * Runs one function as Lambda runs it: in execution environments, each a JVM of its own under Lambda's runtime
 * interface client ({@link ExecutionEnvironment}), fed one event at a time through a Runtime API ({@link RuntimeApi}).
 *
 * <p>Concurrency, as on Lambda (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html): an environment
 * serves one request at a time; a request that finds none free gets a new one (a cold start), up to the function's
 * cap. With the template's reserved concurrency as the cap, a request beyond it is throttled at once, as Lambda
 * throttles it ({@link Kind#THROTTLED}: the Invoke API's 429 TooManyRequestsException, API Gateway's 500). Without
 * one, Lambda would scale to the account's quota (1,000 by default), which this machine cannot: the cap is then
 * {@link #DEFAULT_CONCURRENCY}, and a request beyond it waits for a free environment, so that a burst is served late
 * rather than refused.
 *
 * <p>Environments start one at a time, for one machine's sake: a burst of JVMs starting together would take the CPU
 * from the environment serving the burst meanwhile (a request takes milliseconds, a JVM's start seconds of CPU). A
 * request's wait for an environment (a free one, or a cold start) stands in for Lambda's cold start: as there, the
 * function's Timeout runs from when its environment starts the invocation ("The function's timeout setting limits
 * the duration of the entire Invoke phase",
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html), and the wait counts against the
 * caller's own bound (API Gateway's integration timeout): one that finds no environment free within it is answered as
 * never run ({@link Kind#NOT_RUN}: API Gateway's 504, the Invoke API's 429).
 *
 * <p>Idle environments are kept and reused, the most recently used first; one stays warm for as long as the function
 * runs, the others are stopped after {@value #KEEP_IDLE_MILLIS} ms without a request. A request that outlives the
 * function's Timeout kills its environment, as Lambda does; the next request gets a fresh one. {@link #reload()}
 * starts fresh environments on a new copy of the code; those running the old code finish their request and stop.
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
    static final long KEEP_IDLE_MILLIS = 60_000;
    /**
     * How long a request of the Invoke API or of {@code invoke} waits for an environment (a cold start on a busy
     * machine, or a free one), then it is not run: the AWS CLI's and the SDKs' own read timeout.
     */
    public static final Duration WAIT = Duration.ofSeconds(60);
    private static final long INIT_TIMEOUT_MILLIS = 60_000;

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
    private final ExecutionEnvironment.Launch launch;
    private final PrintStream log;
    private final Observer observer;
    private final boolean snapStart;
    private final int concurrency;
    private final boolean reserved;
    private final ExecutorService starter = Executors.newCachedThreadPool(r -> daemon(r, "-start"));
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "-reaper"));
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final Set<ExecutionEnvironment> running = new HashSet<>();
    private final Deque<ExecutionEnvironment.InitFailure> initFailures = new ArrayDeque<>();
    /** The requests waiting for an environment, in their order of arrival: the first takes the next free one. */
    private final Deque<Object> waiting = new ArrayDeque<>();
    /** Environments (starting or running) by the copy of the code they run: a copy is deleted with its last one. */
    private final Map<TaskRoot, Integer> users = new HashMap<>();
    private int starting;
    private TaskRoot code;
    private boolean closed;

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
        this(function, environment, log, snapStart, Observer.NONE);
    }

    /** As above; the observer sees each line of the function's log and the end of each request. */
    public FunctionRunner(LocalFunction function, Map<String, String> environment, PrintStream log, boolean snapStart,
                          Observer observer) {
        this(function, environment, log, snapStart, observer, environmentOfSnapshot -> { }, DEFAULT_CONCURRENCY);
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
        this.snapStart = snapStart;
        this.reserved = function.reservedConcurrency() > 0;
        this.concurrency = reserved ? function.reservedConcurrency() : localCap;
        this.launch = new ExecutionEnvironment.Launch(function, Map.copyOf(environment),
                LambdaJvm.forRuntime(function.runtime(), snapStart), new RuntimeApi(function.name()), log, observer,
                onSnapshot);
        reaper.scheduleWithFixedDelay(this::stopLongIdle, KEEP_IDLE_MILLIS / 4, KEEP_IDLE_MILLIS / 4,
                TimeUnit.MILLISECONDS);
    }

    public LocalFunction function() {
        return function;
    }

    /** The requests that hold an environment now. */
    synchronized int inFlight() {
        return running.size() - idle.size();
    }

    /** The process ids of the function's environments now. */
    public synchronized List<Long> pids() {
        return running.stream().map(ExecutionEnvironment::pid).toList();
    }

    /**
     * Starts one environment now and waits for its init, as Lambda would before a first request: fails fast.
     *
     * @throws IllegalStateException if the code is not built or the function's init failed (with its error)
     */
    public void start() {
        TaskRoot root;
        synchronized (this) {
            if (code == null) {
                code = TaskRoot.copyOf(function.codeUri());
            }
            root = code;
        }
        ExecutionEnvironment ready = startReady(root);
        synchronized (this) {
            keepIdle(ready);
        }
    }

    /**
     * Copies the code afresh and starts an environment on it (a new init); the requests that follow run there, and
     * the environments of the old code stop once they have answered the request they have. If the new init fails,
     * the old code keeps serving and the failure is thrown.
     *
     * @throws IllegalStateException with the init's error
     */
    public void reload() {
        TaskRoot fresh = TaskRoot.copyOf(function.codeUri());
        ExecutionEnvironment ready = startReady(fresh);
        List<ExecutionEnvironment> old;
        synchronized (this) {
            if (closed) {
                discard(ready);
                return;
            }
            TaskRoot previous = code;
            code = fresh;
            if (previous != null && users.getOrDefault(previous, 0) == 0) {
                previous.close();
            }
            old = new ArrayList<>(idle);
            idle.clear();
            old.forEach(this::discard);
            keepIdle(ready);
        }
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
            environment = acquire(invocation, maxWait);
        } catch (ExecutionEnvironment.InitFailure failure) {
            return outcome(invocation, failure.outcome);
        } catch (Throttled throttled) {
            return result(invocation, throttled.waited ? Kind.NOT_RUN : Kind.THROTTLED, null, null);
        } catch (Stopping stopping) {
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
            release(environment, outcome != null);
        }
        if (outcome == null) {
            if (Thread.currentThread().isInterrupted() || isClosed()) {
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

    /** Not run: beyond the function's concurrency (at once, or after waiting for a free environment). */
    private static final class Throttled extends Exception {
        final boolean waited;

        Throttled(boolean waited) {
            super(null, null, false, false);
            this.waited = waited;
        }
    }

    /** Not run: the function is stopping. */
    private static final class Stopping extends Exception {
        Stopping() {
            super(null, null, false, false);
        }
    }

    /**
     * A free environment: an idle one, else a new one if the cap allows (one starting at a time), else the first to be
     * freed; within maxWait. Requests get environments in their order of arrival: one that arrives while others wait
     * queues behind them (else a closed-loop client's next request, arriving as its last one frees an environment,
     * would take it before those waiting woke up, and starve them).
     */
    private synchronized ExecutionEnvironment acquire(Invocation invocation, Duration maxWait)
            throws ExecutionEnvironment.InitFailure, Throttled, Stopping, InterruptedException {
        if (code == null && !closed) {
            code = TaskRoot.copyOf(function.codeUri()); // the first request's: a cold start
        }
        Object turn = new Object();
        waiting.addLast(turn);
        try {
            return acquireInTurn(invocation, turn, System.currentTimeMillis() + maxWait.toMillis());
        } finally {
            waiting.remove(turn);
            notifyAll(); // the next in line may take what this one left
        }
    }

    private synchronized ExecutionEnvironment acquireInTurn(Invocation invocation, Object turn, long deadline)
            throws ExecutionEnvironment.InitFailure, Throttled, Stopping, InterruptedException {
        boolean arriving = true;
        while (true) {
            if (closed) {
                throw new Stopping();
            }
            ExecutionEnvironment environment = waiting.peekFirst() == turn ? idle.pollLast() : null;
            if (environment != null) {
                if (environment.isAlive()) {
                    invocation.concurrentExecutions(running.size() - idle.size()); // this one's included
                    return environment;
                }
                discard(environment);
                continue;
            }
            ExecutionEnvironment.InitFailure failure = initFailures.poll();
            if (failure != null) {
                throw failure;
            }
            int total = running.size() + starting;
            if (total < concurrency && starting == 0) {
                startInBackground();
            } else if (reserved && total >= concurrency && arriving) {
                throw new Throttled(false); // as Lambda: at once, on arrival; one already waiting has its cold start
            }
            arriving = false;
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new Throttled(true);
            }
            wait(left);
        }
    }

    /** Back to the idle ones, or stopped: it failed, it runs old code, or the function is stopping. */
    private synchronized void release(ExecutionEnvironment environment, boolean healthy) {
        if (healthy && environment.isAlive() && !closed && environment.code() == code) {
            keepIdle(environment);
        } else {
            discard(environment);
        }
        notifyAll();
    }

    private void keepIdle(ExecutionEnvironment environment) {
        running.add(environment);
        environment.idleFrom(System.currentTimeMillis());
        idle.addLast(environment);
        notifyAll();
    }

    /** Stops it and forgets it; its copy of the code goes with the last environment that ran it. */
    private void discard(ExecutionEnvironment environment) {
        running.remove(environment);
        idle.remove(environment);
        environment.stop();
        unuse(environment.code());
    }

    private void unuse(TaskRoot root) {
        int left = users.merge(root, -1, Integer::sum);
        if (left <= 0) {
            users.remove(root);
            if (root != code || closed) {
                root.close();
            }
        }
    }

    private void startInBackground() {
        starting++;
        TaskRoot root = code;
        starter.execute(() -> {
            try {
                ExecutionEnvironment ready = startReady(root);
                synchronized (this) {
                    starting--;
                    if (closed || root != code) {
                        discard(ready);
                    } else {
                        keepIdle(ready);
                    }
                }
            } catch (InitError e) {
                synchronized (this) {
                    starting--;
                    initFailures.add(e.failure);
                    notifyAll();
                }
            }
        });
    }

    /** An init that failed, with what Lambda reports of it. */
    private static final class InitError extends IllegalStateException {
        final ExecutionEnvironment.InitFailure failure;

        InitError(String function, ExecutionEnvironment.InitFailure failure) {
            super("the function " + function + " failed its init: " + LambdaErrors.errorMessage(failure.outcome.error()),
                    failure);
            this.failure = failure;
        }
    }

    /** A new environment on that code, once its init is done. */
    private ExecutionEnvironment startReady(TaskRoot root) {
        ExecutionEnvironment environment = new ExecutionEnvironment(launch, root, snapStart);
        synchronized (this) {
            users.merge(root, 1, Integer::sum);
        }
        try {
            environment.start();
            environment.awaitReady(INIT_TIMEOUT_MILLIS);
            return environment;
        } catch (ExecutionEnvironment.InitFailure failure) {
            synchronized (this) {
                discard(environment);
            }
            throw new InitError(function.name(), failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                discard(environment);
            }
            throw new IllegalStateException("interrupted while " + function.name() + " started", e);
        } catch (RuntimeException e) {
            synchronized (this) {
                discard(environment);
            }
            throw e;
        }
    }

    /** Idle environments beyond the most recently used one are stopped after KEEP_IDLE_MILLIS without a request. */
    private synchronized void stopLongIdle() {
        long now = System.currentTimeMillis();
        for (ExecutionEnvironment environment : new ArrayList<>(idle)) {
            if (idle.size() > 1 && environment != idle.peekLast()
                    && now - environment.idleSince() > KEEP_IDLE_MILLIS) {
                discard(environment);
            }
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private Thread daemon(Runnable task, String suffix) {
        Thread thread = new Thread(task, "lambda-" + function.name() + suffix);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Stops every environment at once: a request still in flight ends as {@link Kind#STOPPED}. The caller drains
     * first (lets the requests in flight finish) if it wants them answered.
     */
    @Override
    public void close() {
        List<ExecutionEnvironment> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(running);
            notifyAll();
        }
        reaper.shutdownNow();
        starter.shutdown();
        all.forEach(ExecutionEnvironment::stop);
        for (ExecutionEnvironment environment : all) {
            try {
                environment.awaitExit(5_000);
                environment.awaitOutput(1_000); // its last log lines reach the console and the observer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            new ArrayList<>(running).forEach(this::discard);
            if (code != null && !users.containsKey(code)) {
                code.close();
            }
        }
        launch.api().close();
    }
}
