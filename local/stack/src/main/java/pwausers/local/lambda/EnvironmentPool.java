package pwausers.local.lambda;

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
import pwausers.local.template.LocalFunction;

/**
 * The execution environments of one function ({@link FunctionRunner}'s): those serving a request, the idle ones, the
 * one starting, and the requests waiting for one, in their order of arrival.
 *
 * <p>Environments start one at a time, for one machine's sake: a burst of JVMs starting together would take the CPU
 * from the environment serving the burst meanwhile (a request takes milliseconds, a JVM's start seconds of CPU).
 * Idle environments are kept and reused, the most recently used first; one stays warm for as long as the function
 * runs, the others are stopped after {@value #KEEP_IDLE_MILLIS} ms without a request. {@link #reload()} starts fresh
 * environments on a new copy of the code; those running the old code finish their request and stop. Each copy of the
 * code is deleted with the last environment that ran it.
 */
final class EnvironmentPool {
    static final long KEEP_IDLE_MILLIS = 60_000;
    private static final long INIT_TIMEOUT_MILLIS = 60_000;

    private final LocalFunction function;
    private final ExecutionEnvironment.Launch launch;
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

    /**
     * @param concurrency the most environments at once
     * @param reserved    whether that is the template's reserved concurrency: a request beyond it is then refused on
     *                    arrival ({@link Throttled}), rather than waiting for a free environment
     */
    EnvironmentPool(LocalFunction function, ExecutionEnvironment.Launch launch, boolean snapStart, int concurrency,
                    boolean reserved) {
        this.function = function;
        this.launch = launch;
        this.snapStart = snapStart;
        this.concurrency = concurrency;
        this.reserved = reserved;
        reaper.scheduleWithFixedDelay(this::stopLongIdle, KEEP_IDLE_MILLIS / 4, KEEP_IDLE_MILLIS / 4,
                TimeUnit.MILLISECONDS);
    }

    /** The requests that hold an environment now. */
    synchronized int inFlight() {
        return running.size() - idle.size();
    }

    /** The process ids of the function's environments now. */
    synchronized List<Long> pids() {
        return running.stream().map(ExecutionEnvironment::pid).toList();
    }

    /**
     * Starts one environment now and waits for its init, as Lambda would before a first request: fails fast.
     *
     * @throws IllegalStateException if the code is not built or the function's init failed (with its error)
     */
    void start() {
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
    void reload() {
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

    /** Not run: beyond the function's concurrency (at once, or after waiting for a free environment). */
    static final class Throttled extends Exception {
        final boolean waited;

        Throttled(boolean waited) {
            super(null, null, false, false);
            this.waited = waited;
        }
    }

    /** Not run: the function is stopping. */
    static final class Stopping extends Exception {
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
    synchronized ExecutionEnvironment acquire(Invocation invocation, Duration maxWait)
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
    synchronized void release(ExecutionEnvironment environment, boolean healthy) {
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

    synchronized boolean isClosed() {
        return closed;
    }

    private Thread daemon(Runnable task, String suffix) {
        Thread thread = new Thread(task, "lambda-" + function.name() + suffix);
        thread.setDaemon(true);
        return thread;
    }

    /** Stops every environment at once: a request still in flight ends as stopped. */
    void close() {
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
                // its last log lines reach the console and the observer: the process is gone, so the pipe ends as
                // soon as the output thread has read it, however busy the machine (the bound is for a descendant
                // that holds the pipe open)
                environment.awaitOutput(10_000);
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
