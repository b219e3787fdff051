package pwausers.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import pwausers.local.template.LocalFunction;

/**
 * Runs one function in this process, as the Lambda Java runtime runs it: the handler class from the template,
 * made once (its init), then called with the event's bytes and a context, bounded by the function's Timeout.
 *
 * <p>The handler is made with a public constructor taking the environment (a {@code Map<String, String>}) when it
 * has one, so that the values template.yaml gives its Environment reach it; otherwise with its no-argument
 * constructor, as on Lambda. One instance serves concurrent calls: the function is written to allow it.
 */
public final class FunctionRunner implements AutoCloseable {
    private final LocalFunction function;
    private final PrintStream log;
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lambda-timeout");
        t.setDaemon(true);
        return t;
    });
    private volatile RequestStreamHandler handler;

    public FunctionRunner(LocalFunction function, PrintStream log) {
        this.function = function;
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

    /** Makes the handler now, as Lambda's init phase does; a failure here is the function's init error. */
    public RequestStreamHandler handler() throws ReflectiveOperationException {
        RequestStreamHandler made = handler;
        if (made == null) {
            synchronized (this) {
                if (handler == null) {
                    handler = newHandler();
                }
                made = handler;
            }
        }
        return made;
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
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler().handleRequest(new ByteArrayInputStream(event), out, context);
            output = out.toByteArray();
        } catch (InvocationTargetException e) {
            error = e.getCause();
        } catch (Exception | Error e) { // what the function threw: Lambda reports it as the call's error
            error = e;
        }
        if (!state.compareAndSet(RUNNING, DONE)) { // the watchdog fired: wait for its interrupt, then clear it
            try {
                alarm.get();
            } catch (InterruptedException | java.util.concurrent.ExecutionException ignored) {
                // its interrupt is what we wait for
            }
            Thread.interrupted();
            log.println(LambdaErrors.timedOutLogLine(context.getAwsRequestId(), function.timeoutSeconds()));
            return new Result(context.getAwsRequestId(), null, new TimeoutException(), true, context.capturedLog());
        }
        alarm.cancel(false);
        return new Result(context.getAwsRequestId(), output, error, false, context.capturedLog());
    }

    private RequestStreamHandler newHandler() throws ReflectiveOperationException {
        Class<?> type = Class.forName(function.handlerClass());
        try {
            Constructor<?> withEnvironment = type.getConstructor(Map.class);
            Map<String, String> environment = new HashMap<>(System.getenv());
            function.environment().forEach(environment::putIfAbsent); // what you export wins, as with sam local
            return (RequestStreamHandler) withEnvironment.newInstance(environment);
        } catch (NoSuchMethodException e) {
            return (RequestStreamHandler) type.getConstructor().newInstance();
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
