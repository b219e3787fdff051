package pwausers.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-call");
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
    public synchronized RequestStreamHandler handler() throws ReflectiveOperationException {
        if (handler == null) {
            handler = newHandler();
        }
        return handler;
    }

    public Result invoke(byte[] event) {
        LocalContext context = new LocalContext(function.name(), function.memoryMb(), function.timeoutSeconds(), log);
        Future<byte[]> call = calls.submit(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler().handleRequest(new ByteArrayInputStream(event), out, context);
            return out.toByteArray();
        });
        try {
            return new Result(context.getAwsRequestId(), call.get(function.timeoutSeconds(), TimeUnit.SECONDS), null, false,
                    context.capturedLog());
        } catch (TimeoutException e) {
            call.cancel(true);
            log.println("{\"level\":\"ERROR\",\"requestId\":\"" + context.getAwsRequestId()
                    + "\",\"message\":\"Task timed out after " + function.timeoutSeconds() + " seconds\"}");
            return new Result(context.getAwsRequestId(), null, e, true, context.capturedLog());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            return new Result(context.getAwsRequestId(), null, cause, false, context.capturedLog());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return new Result(context.getAwsRequestId(), null, e, false, context.capturedLog());
        }
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
        calls.shutdownNow();
    }
}
