package pwausers.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 * <p>{@link #reload()} loads the code afresh and swaps the new handler in between calls: a call runs to its end on
 * the handler it started with; the old code is freed once its last call is done.
 */
public final class FunctionRunner implements AutoCloseable {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;

    private final LocalFunction function;
    private final Map<String, String> environment;
    private final PrintStream log;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lambda-timeout");
        t.setDaemon(true);
        return t;
    });
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
     * Calls the handler in the caller's thread (no hand-off: the gateway's thread runs the function, as a Lambda
     * instance runs one call at a time); a watchdog interrupts it when the function's Timeout passes.
     */
    public Result invoke(byte[] event) {
        LocalContext context = new LocalContext(function.name(), function.memoryMb(), function.timeoutSeconds(), log);
        Thread caller = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(RUNNING);
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            if (state.compareAndSet(RUNNING, TIMED_OUT)) {
                caller.interrupt();
            }
        }, function.timeoutSeconds(), TimeUnit.SECONDS);
        byte[] output = null;
        Throwable error = null;
        Loaded loaded = null;
        ClassLoader callerLoader = caller.getContextClassLoader();
        try {
            loaded = acquire();
            caller.setContextClassLoader(loaded.code.classLoader()); // as the Lambda runtime sets it for the function
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            loaded.handler.handleRequest(new ByteArrayInputStream(event), out, context);
            output = out.toByteArray();
        } catch (InvocationTargetException e) {
            error = e.getCause();
        } catch (Exception | Error e) { // what the function threw: Lambda reports it as the call's error
            error = e;
        } finally {
            caller.setContextClassLoader(callerLoader);
            if (loaded != null) {
                loaded.release();
            }
        }
        if (!state.compareAndSet(RUNNING, DONE)) { // the watchdog fired: wait for its interrupt, then clear it
            try {
                alarm.get();
            } catch (InterruptedException | ExecutionException ignored) {
                // its interrupt is what we wait for
            }
            Thread.interrupted();
            log.println(LambdaErrors.timedOutLogLine(context.getAwsRequestId(), function.timeoutSeconds()));
            return new Result(context.getAwsRequestId(), null, new TimeoutException(), true, context.capturedLog());
        }
        alarm.cancel(false);
        return new Result(context.getAwsRequestId(), output, error, false, context.capturedLog());
    }

    /** The current code, counted as in use by one more call until {@link Loaded#release()}. */
    private Loaded acquire() throws ReflectiveOperationException {
        while (true) {
            handler(); // made on first use if nobody made it before
            Loaded loaded = current;
            if (loaded.tryAcquire()) {
                return loaded;
            }
        }
    }

    private Loaded load() throws ReflectiveOperationException {
        FunctionCode code = function.codeUri() == null ? FunctionCode.classPath() : FunctionCode.artifact(function.codeUri());
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(code.classLoader());
        try {
            return new Loaded(code, newHandler(code.classLoader()));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            code.close();
            throw e;
        } finally {
            thread.setContextClassLoader(callerLoader);
        }
    }

    private RequestStreamHandler newHandler(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> type = Class.forName(function.handlerClass(), true, loader);
        Constructor<?> withEnvironment;
        try {
            withEnvironment = type.getConstructor(Map.class);
        } catch (NoSuchMethodException e) {
            return (RequestStreamHandler) type.getConstructor().newInstance();
        }
        return (RequestStreamHandler) withEnvironment.newInstance(environment);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        Loaded loaded;
        synchronized (this) {
            closed = true;
            loaded = current;
            current = null;
        }
        if (loaded != null) {
            loaded.retire();
        }
    }

    /** One load of the function's code and the handler made from it, with the calls running it. */
    private static final class Loaded {
        final FunctionCode code;
        final RequestStreamHandler handler;
        private int calls;
        private boolean retired;
        private boolean closed;

        Loaded(FunctionCode code, RequestStreamHandler handler) {
            this.code = code;
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
            code.close();
        }
    }
}
