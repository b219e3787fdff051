package pwausers.local.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import pwausers.function.contract.Environment;
import pwausers.local.lambda.lifeline.Lifeline;
import pwausers.local.template.LocalFunction;

/**
 * One execution environment of a function: a JVM of its own, started with Lambda's flags for the function's runtime
 * and memory, in its task root, with its environment, running Lambda's runtime interface client, which initialises
 * the function (its handler's no-argument constructor) and then asks the {@link RuntimeApi} for one event at a time.
 * Its output (the function's log lines, as the runtime client writes them) goes to the console, line by line, and to
 * the invocation in flight. It dies with the local stack ({@link Lifeline}), and when {@link #stop()} kills it, as
 * Lambda ends an environment: at once.
 */
final class ExecutionEnvironment implements RuntimeApi.Environment {
    /** What is the same for every environment of a function. */
    record Launch(LocalFunction function, Map<String, String> environment, LambdaJvm jvm, RuntimeApi api,
                  PrintStream console, FunctionRunner.Observer observer, Consumer<ExecutionEnvironment> onSnapshot) {
    }

    /** The init failed: what the runtime reported (init/error, restore/error), or what Lambda would say. */
    static final class InitFailure extends Exception {
        final Invocation.Outcome outcome;

        InitFailure(Invocation.Outcome outcome) {
            super(new String(outcome.error(), StandardCharsets.UTF_8), null, false, false);
            this.outcome = outcome;
        }
    }

    /** The org.crac implementation of Lambda's runtime client: without it, SnapStart's hooks never run. */
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Invocation STOP = new Invocation("stop", new byte[0]);
    /** The error type of an invocation whose environment this stack stopped (it is stopping, or reloading). */
    static final String STOPPED = "Runtime.Stopped";

    private final String id = "env-" + IDS.incrementAndGet();
    private final Launch launch;
    private final TaskRoot code;
    private final boolean snapStart;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> outputEnd = new CompletableFuture<>();
    private final BlockingQueue<Invocation> pending = new ArrayBlockingQueue<>(1);
    private volatile Invocation current;
    private volatile boolean stopping;
    private volatile long idleSince;
    private Process process;

    ExecutionEnvironment(Launch launch, TaskRoot code, boolean snapStart) {
        this.launch = launch;
        this.code = code;
        this.snapStart = snapStart;
    }

    @Override
    public String functionName() {
        return launch.function().name();
    }

    TaskRoot code() {
        return code;
    }

    long pid() {
        return process.pid();
    }

    /** Starts the process; {@link #awaitReady} waits for its init. */
    void start() {
        launch.api().register(id, this);
        LocalFunction function = launch.function();
        Map<String, String> environment = new LinkedHashMap<>(launch.environment());
        environment.put("AWS_LAMBDA_RUNTIME_API", launch.api().address(id));
        environment.put("LAMBDA_TASK_ROOT", code.dir().toString());
        environment.put("_HANDLER", function.handler());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        // Lambda's holds the task root and its lib/ (with its own folders before them): a native library shipped
        // beside the jar loads from there
        environment.put("LD_LIBRARY_PATH", code.dir() + ":" + code.lib());
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("LANG", "C.UTF-8");
        environment.put("TZ", ":UTC");
        if (snapStart) {
            environment.put(Environment.INITIALIZATION_TYPE, Environment.SNAP_START);
        }
        List<String> command = launch.jvm().command(function.memoryMb(), RuntimeClientClassPath.get(),
                List.of(CRAC_COMPAT, "-Djava.net.preferIPv4Stack=true", RuntimeClientClassPath.jniProperty()),
                Lifeline.class.getName(),
                List.of(function.handler()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(code.dir().toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            process = builder.start(); // its stdin: the lifeline, held open until stop()
        } catch (IOException e) {
            launch.api().unregister(id);
            throw new IllegalStateException("cannot start a JVM for " + function.name() + ": " + e.getMessage(), e);
        }
        Thread output = new Thread(this::pumpOutput, "lambda-" + function.name() + "-" + id + "-output");
        output.setDaemon(true);
        output.start();
        process.onExit().thenRun(this::exited);
    }

    /** Waits until the runtime asks for its first event (its init done, SnapStart's hooks run). */
    void awaitReady(long timeoutMillis) throws InitFailure, InterruptedException {
        try {
            ready.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (InitFailure) e.getCause();
        } catch (TimeoutException e) {
            stop();
            throw new InitFailure(Invocation.Outcome.platformFailure("the function's init did not end within "
                    + timeoutMillis / 1000 + " s", "Runtime.InitTimeout"));
        }
    }

    /**
     * Runs one invocation: the runtime takes it at its next call; its outcome when the runtime posts it, or null when
     * the function's Timeout passed first (the environment is then killed, as Lambda kills one that timed out).
     */
    Invocation.Outcome run(Invocation invocation) throws InterruptedException {
        invocation.startClock(launch.function().timeoutSeconds());
        if (!pending.offer(invocation)) {
            throw new IllegalStateException(id + " got a second invocation while one was pending");
        }
        long wait = invocation.deadlineMillis() - System.currentTimeMillis();
        try {
            return invocation.outcome.get(Math.max(0, wait), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // outcomes are never completed exceptionally
        }
    }

    boolean isAlive() {
        return !stopping && process.isAlive();
    }

    void idleFrom(long millis) {
        idleSince = millis;
    }

    long idleSince() {
        return idleSince;
    }

    /**
     * Ends the process at once (its lifeline closed, then killed) and forgets it. The kill comes before the runtime's
     * waiting call for its next event is released: released first, the runtime client would print an error for it.
     */
    void stop() {
        stopping = true;
        pending.clear();
        if (process != null) {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // the kill ends it anyway
            }
            process.destroyForcibly();
        }
        pending.offer(STOP);
    }

    /** Waits for the process to be gone, at most the given time. */
    void awaitExit(long timeoutMillis) throws InterruptedException {
        if (process != null) {
            process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    // ---- the Runtime API's calls ----

    @Override
    public Invocation next() throws InterruptedException {
        ready.complete(null);
        Invocation next = pending.take();
        if (next == STOP) {
            pending.offer(STOP); // for any other call waiting
            return null;
        }
        current = next;
        next.taken();
        return next;
    }

    @Override
    public boolean response(String requestId, byte[] response) {
        return complete(requestId, Invocation.Outcome.success(response));
    }

    @Override
    public boolean error(String requestId, byte[] error, String errorType) {
        return complete(requestId, Invocation.Outcome.failure(error, errorType));
    }

    private boolean complete(String requestId, Invocation.Outcome outcome) {
        Invocation invocation = current;
        if (invocation == null || !invocation.requestId.equals(requestId)) {
            return false;
        }
        current = null;
        invocation.answered();
        invocation.outcome.complete(outcome);
        return true;
    }

    @Override
    public void initError(byte[] error, String errorType) {
        ready.completeExceptionally(new InitFailure(Invocation.Outcome.failure(error, errorType)));
    }

    @Override
    public void restoreNext() {
        launch.onSnapshot().accept(this);
    }

    @Override
    public void restoreError(byte[] error, String errorType) {
        initError(error, errorType);
    }

    // ---- the process ----

    private void pumpOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                launch.console().println(line);
                launch.observer().logLine(launch.function().name(), line);
                Invocation invocation = current;
                if (invocation != null) {
                    invocation.log(line);
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            outputEnd.complete(null);
        }
    }

    /** Waits, at most the given time, until every line the process wrote has been read (after it ended). */
    void awaitOutput(long timeoutMillis) throws InterruptedException {
        try {
            outputEnd.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a descendant holding the pipe open: what was read is what the console and the observer got
        }
    }

    /**
     * The process ended: what was in flight failed, as Lambda reports a runtime that exited (or, when this stack
     * stopped it, as stopped).
     */
    private void exited() {
        launch.api().unregister(id);
        boolean stopped = stopping;
        stopping = true;
        String status = stopped ? "the environment was stopped"
                : "Runtime exited with error: exit status " + process.exitValue();
        String type = stopped ? STOPPED : "Runtime.ExitError";
        ready.completeExceptionally(new InitFailure(Invocation.Outcome.platformFailure(status, type)));
        Invocation invocation = current;
        Invocation queued = pending.poll();
        for (Invocation lost : new Invocation[] {invocation, queued}) {
            if (lost != null && lost != STOP) {
                lost.answered();
                lost.outcome.complete(Invocation.Outcome.platformFailure("RequestId: " + lost.requestId + " Error: "
                        + status, type));
            }
        }
        pending.offer(STOP);
    }

    @Override
    public String toString() {
        return id + (process == null ? "" : " (pid " + process.pid() + ")");
    }
}
