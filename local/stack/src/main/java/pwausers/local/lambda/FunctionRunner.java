package pwausers.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import pwausers.local.template.LocalFunction;

/**
 * Runs one function in this process, as the Lambda Java runtime runs it: the handler class from the template, loaded
 * from the function's code (its CodeUri) in a class loader of its own ({@link FunctionCode}), made once (its init),
 * then called with the event's bytes and a context, bounded by the function's Timeout.
 *
 * <p>The handler is made with a public constructor taking the environment (a {@code Map<String, String>}) when it
 * has one, so that the environment Lambda would give it reaches it without touching this process's settings;
 * otherwise with its no-argument constructor, as on Lambda. One instance serves concurrent calls: the function is
 * written to allow it.
 *
 * <p>Each load of the code has threads of its own, which make the handler and run its calls (the caller waits for
 * the answer, up to the Timeout), as a Lambda instance has its own: what the function leaves in its threads (thread
 * locals, the threads its libraries start) goes with them. {@link #reload()} loads the code afresh and swaps the new
 * handler in between calls: a call runs to its end on the handler it started with; the old code, its handler
 * closed, its threads ended, is freed once its last call is done, and can be unloaded.
 */
public final class FunctionRunner implements AutoCloseable {
    /**
     * Lambda's limit on a synchronous invocation's payload (the event): Lambda refuses a larger one with 413
     * RequestEntityTooLargeException before the function runs, whoever invokes it (the Invoke API, API Gateway).
     */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final AtomicInteger LOADS = new AtomicInteger();

    private final LocalFunction function;
    private final Map<String, String> environment;
    private final PrintStream log;
    /** The function's built code, or null when its handler is on the stack's class path (tests). */
    private final FunctionCode.Artifact artifact;
    private volatile Loaded current;
    private volatile boolean closed;

    /** A function with the environment its template entry gives it. */
    public FunctionRunner(LocalFunction function, PrintStream log) {
        this(function, function.environment(), log);
    }

    /**
     * @param environment the whole environment the function sees (see {@link FunctionEnvironment})
     * @param log         where the function's log lines go
     */
    public FunctionRunner(LocalFunction function, Map<String, String> environment, PrintStream log) {
        this.function = function;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.artifact = function.codeUri() == null ? null : new FunctionCode.Artifact(function.codeUri(), function.handlerClass());
    }

    public LocalFunction function() {
        return function;
    }

    /** What a call came to: the handler's output, or the error it threw (or the timeout). */
    public record Result(String requestId, byte[] output, Throwable error, boolean timedOut, String log) {
        public boolean failed() {
            return error != null || timedOut;
        }
    }

    /**
     * Makes the handler now if it is not made yet, as Lambda's init phase does; a failure here is the function's
     * init error.
     */
    public RequestStreamHandler handler() throws ReflectiveOperationException {
        Loaded loaded = current;
        if (loaded == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the function " + function.name() + " is stopped");
                }
                if (current == null) {
                    current = load();
                }
                loaded = current;
            }
        }
        return loaded.handler;
    }

    /**
     * Loads the function's code afresh and makes a new handler (a new init); the calls that follow run it. If that
     * fails, the code that ran before keeps serving and the failure is thrown.
     */
    public void reload() throws ReflectiveOperationException {
        Loaded fresh = load();
        Loaded old;
        synchronized (this) {
            if (closed) {
                fresh.retire();
                return;
            }
            old = current;
            current = fresh;
        }
        if (old != null) {
            old.retire();
        }
    }

    /**
     * Runs the handler on the event in the current code's threads and waits for its answer; when the function's
     * Timeout passes first, its thread is interrupted and the call is a timeout.
     */
    public Result invoke(byte[] event) {
        LocalContext context = new LocalContext(function.name(), function.memoryMb(), function.timeoutSeconds(), log);
        Future<byte[]> call;
        try {
            Loaded loaded = acquire();
            try {
                call = loaded.threads.submit(() -> {
                    try {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        loaded.handler.handleRequest(new ByteArrayInputStream(event), out, context);
                        return out.toByteArray();
                    } finally {
                        loaded.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                loaded.release();
                throw e;
            }
        } catch (InvocationTargetException e) { // the function's init failed
            return new Result(context.getAwsRequestId(), null, e.getCause(), false, context.capturedLog());
        } catch (Exception | Error e) {
            return new Result(context.getAwsRequestId(), null, e, false, context.capturedLog());
        }
        try {
            byte[] output = call.get(function.timeoutSeconds(), TimeUnit.SECONDS);
            return new Result(context.getAwsRequestId(), output, null, false, context.capturedLog());
        } catch (ExecutionException e) { // what the function threw: Lambda reports it as the call's error, and logs it
            log.println(LambdaErrors.unhandled(e.getCause()));
            return new Result(context.getAwsRequestId(), null, e.getCause(), false, context.capturedLog());
        } catch (TimeoutException e) {
            call.cancel(true);
            log.println(LambdaErrors.timedOutLogLine(context.getAwsRequestId(), function.timeoutSeconds()));
            return new Result(context.getAwsRequestId(), null, e, true, context.capturedLog());
        } catch (InterruptedException e) { // the caller is stopping (the server shuts down)
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new Result(context.getAwsRequestId(), null, e, false, context.capturedLog());
        }
    }

    /** The current code, counted as in use by one more call until {@link Loaded#release()}. */
    private Loaded acquire() throws ReflectiveOperationException {
        while (true) {
            handler(); // made on first use if nobody made it before
            Loaded loaded = current;
            if (loaded == null) {
                throw new IllegalStateException("the function " + function.name() + " is stopped");
            }
            if (loaded.tryAcquire()) {
                return loaded;
            }
        }
    }

    /** Loads the code, starts its threads, and makes the handler in one of them. */
    private Loaded load() throws ReflectiveOperationException {
        FunctionCode code = artifact == null ? FunctionCode.classPath() : artifact.load();
        ExecutorService threads = threads(code.classLoader());
        try {
            return new Loaded(code, threads, threads.submit(newHandler(code.classLoader())).get());
        } catch (ExecutionException e) {
            threads.shutdownNow();
            code.close();
            Throwable cause = e.getCause();
            if (cause instanceof ReflectiveOperationException reflective) {
                throw reflective; // InvocationTargetException: the constructor threw
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            threads.shutdownNow();
            code.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the function " + function.name() + " started", e);
        }
    }

    /** How the names of the threads that run a function's code begin (a profiler or the bench tells them apart so). */
    public static String threadNamePrefix(String functionName) {
        return "lambda-" + functionName + "-";
    }

    /** As many threads as calls in flight, each kept a minute once idle, with the function's class loader as context. */
    private ExecutorService threads(ClassLoader code) {
        String name = threadNamePrefix(function.name()) + LOADS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + count.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(code); // as the Lambda runtime sets it for the function
            return t;
        });
    }

    private Callable<RequestStreamHandler> newHandler(ClassLoader loader) {
        return () -> {
            Class<?> type = Class.forName(function.handlerClass(), true, loader);
            Constructor<?> withEnvironment;
            try {
                withEnvironment = type.getConstructor(Map.class);
            } catch (NoSuchMethodException e) {
                return (RequestStreamHandler) type.getConstructor().newInstance();
            }
            return (RequestStreamHandler) withEnvironment.newInstance(environment);
        };
    }

    @Override
    public void close() {
        Loaded loaded;
        synchronized (this) {
            closed = true;
            loaded = current;
            current = null;
        }
        if (loaded != null) {
            loaded.retire();
        }
        if (artifact != null) {
            artifact.close(); // its callers (the servers) have stopped first
        }
    }

    /** One load of the function's code, its threads, the handler made from it, and the calls running it. */
    private static final class Loaded {
        final FunctionCode code;
        final ExecutorService threads;
        final RequestStreamHandler handler;
        private int calls;
        private boolean retired;
        private boolean closed;

        Loaded(FunctionCode code, ExecutorService threads, RequestStreamHandler handler) {
            this.code = code;
            this.threads = threads;
            this.handler = handler;
        }

        synchronized boolean tryAcquire() {
            if (closed) {
                return false;
            }
            calls++;
            return true;
        }

        synchronized void release() {
            calls--;
            if (retired && calls == 0) {
                free();
            }
        }

        /** No new call starts on this code; it is freed when the last running call ends. */
        synchronized void retire() {
            retired = true;
            if (calls == 0) {
                free();
            }
        }

        private void free() {
            if (closed) {
                return;
            }
            closed = true;
            if (handler instanceof AutoCloseable closeable) { // its clients and their threads, if it says how
                try {
                    closeable.close();
                } catch (Exception e) {
                    // it is going away either way
                }
            }
            threads.shutdown(); // idle threads end now, a busy one (the last call's) when its task returns
            code.close();
        }
    }
}
