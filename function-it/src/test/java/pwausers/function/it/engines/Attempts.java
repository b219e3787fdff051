package pwausers.function.it.engines;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the calls a client makes and their HTTP attempts, per DynamoDB operation (the SDK's retries included); runs
 * an action just before a given call begins, to stall the engine exactly around the call a test is about; and holds
 * chosen attempts unanswered until the SDK gives them up.
 *
 * <p>An action before a call runs before the SDK starts the call's clocks, so it may take its time. A held attempt
 * waits inside them: the SDK's attempt or call timeout interrupts it, and the SDK reports that timeout, as it would
 * for an engine that never answered. A held attempt never reaches the engine.
 */
public final class Attempts implements ExecutionInterceptor {
    /** The attempts made so far by the call these attributes belong to (the SDK keeps them across its retries). */
    private static final ExecutionAttribute<Integer> ATTEMPTS_OF_CALL = new ExecutionAttribute<>("pwausers.attemptsOfCall");
    /** Far beyond any of the function's time bounds: a held attempt that outlasts it is a broken test. */
    private static final Duration HOLD_BOUND = Duration.ofSeconds(60);
    /** Never counted down: what a held attempt waits on. */
    private static final CountDownLatch NO_ANSWER = new CountDownLatch(1);

    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Runnable> beforeCall = new HashMap<>();
    /** Per operation: how many attempts of each call are held (Integer.MAX_VALUE: all of them). */
    private final Map<String, Integer> held = new HashMap<>();

    /** Runs {@code action} in the calling thread just before call {@code n} (from 1) of {@code operation} begins. */
    public synchronized Attempts beforeCall(String operation, int n, Runnable action) {
        beforeCall.put(operation + "#" + n, action);
        return this;
    }

    /** Holds the first attempt of every call of {@code operation} until the SDK gives it up; the resends go out. */
    public synchronized Attempts holdFirstAttempts(String operation) {
        held.put(operation, 1);
        return this;
    }

    /** Holds every attempt of every call of {@code operation} until the SDK gives it up. */
    public synchronized Attempts holdAllAttempts(String operation) {
        held.put(operation, Integer.MAX_VALUE);
        return this;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        attributes.putAttribute(ATTEMPTS_OF_CALL, 0);
        Runnable action;
        synchronized (this) {
            action = beforeCall.get(operation + "#" + calls.merge(operation, 1, Integer::sum));
        }
        if (action != null) {
            action.run();
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        int ofCall = attributes.getAttribute(ATTEMPTS_OF_CALL) + 1;
        attributes.putAttribute(ATTEMPTS_OF_CALL, ofCall);
        boolean hold;
        synchronized (this) {
            counts.merge(operation, 1, Integer::sum);
            hold = ofCall <= held.getOrDefault(operation, 0);
            notifyAll();
        }
        if (hold) {
            holdUntilGivenUp(operation);
        }
    }

    /**
     * Waits until the SDK's timeout interrupts this thread, then fails the attempt with the interrupt kept: the SDK
     * reads that as its own timeout (an attempt's, which it retries, or the call's).
     */
    private static void holdUntilGivenUp(String operation) {
        try {
            if (!NO_ANSWER.await(HOLD_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("an attempt of " + operation + " held for " + HOLD_BOUND
                        + " was never given up: has the client no timeout?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.create("held unanswered until the SDK's timeout", e);
        }
    }

    /** The attempts {@code operation} has made, over all its calls (held ones included). */
    public synchronized int of(String operation) {
        return counts.getOrDefault(operation, 0);
    }

    /** The calls of {@code operation} made (begun) so far. */
    public synchronized int callsOf(String operation) {
        return calls.getOrDefault(operation, 0);
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
