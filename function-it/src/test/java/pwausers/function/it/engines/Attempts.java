package pwausers.function.it.engines;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the HTTP attempts a client makes, per DynamoDB operation (the SDK's retries included), and runs an action
 * just before a given attempt goes out: to stall the engine exactly around the call a test is about.
 */
public final class Attempts implements ExecutionInterceptor {
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Runnable> before = new HashMap<>();

    /** Runs {@code action} in the calling thread just before attempt {@code n} (from 1) of {@code operation}. */
    public synchronized Attempts before(String operation, int n, Runnable action) {
        before.put(operation + "#" + n, action);
        return this;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Runnable action;
        synchronized (this) {
            int n = counts.merge(operation, 1, Integer::sum);
            action = before.get(operation + "#" + n);
            notifyAll();
        }
        if (action != null) {
            action.run();
        }
    }

    public synchronized int of(String operation) {
        return counts.getOrDefault(operation, 0);
    }

    /**
     * Waits until {@code operation} has made {@code n} attempts (its SDK retries), at most {@code timeout}.
     *
     * @throws AssertionError if it has not by then
     */
    public synchronized void await(String operation, int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (of(operation) < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(operation + " made " + of(operation) + " attempts, not " + n + ", in "
                        + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
