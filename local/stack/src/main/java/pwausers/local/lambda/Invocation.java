package pwausers.local.lambda;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One request to a function, as its execution environment's runtime sees it through the Runtime API: an id, the
 * event, a deadline; its outcome once the runtime has posted it (or the environment has died), and what the function
 * logged meanwhile.
 */
final class Invocation {
    /** What the runtime posted: the response or the error (with Lambda's error type), never both. */
    record Outcome(byte[] response, byte[] error, String errorType) {
        static Outcome success(byte[] response) {
            return new Outcome(response, null, null);
        }

        static Outcome failure(byte[] error, String errorType) {
            return new Outcome(null, error, errorType);
        }

        /** A failure Lambda itself reports, not the function's runtime (the runtime exited, say). */
        static Outcome platformFailure(String message, String errorType) {
            return failure(LambdaErrors.platformError(message, errorType).getBytes(StandardCharsets.UTF_8), errorType);
        }
    }

    final String requestId;
    final byte[] event;
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final StringBuilder log = new StringBuilder();
    private volatile long deadlineMillis;
    private volatile long takenNanos;
    private volatile long answeredNanos;
    private volatile int concurrentExecutions;

    Invocation(String requestId, byte[] event) {
        this.requestId = requestId;
        this.event = event;
    }

    /**
     * Starts the clock, unless it runs already: the function has until then (epoch milliseconds), as
     * Lambda-Runtime-Deadline-Ms tells it.
     */
    void startClock(int timeoutSeconds) {
        if (deadlineMillis == 0) {
            deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
        }
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    /** The runtime took it: the function's Duration, as Lambda measures it, begins. */
    void taken() {
        takenNanos = System.nanoTime();
    }

    /** Its outcome came (the runtime's answer or error, or its end). */
    void answered() {
        if (takenNanos != 0 && answeredNanos == 0) {
            answeredNanos = System.nanoTime();
        }
    }

    /**
     * How long the function had it, in milliseconds: from the runtime's taking it to its outcome (or to now, if none
     * came: it timed out); -1 when the runtime never took it.
     */
    double durationMillis() {
        long taken = takenNanos;
        if (taken == 0) {
            return -1;
        }
        long answered = answeredNanos;
        return ((answered != 0 ? answered : System.nanoTime()) - taken) / 1e6;
    }

    /** The environments busy when it got one, its own included (Lambda's ConcurrentExecutions); 0 if it got none. */
    int concurrentExecutions() {
        return concurrentExecutions;
    }

    void concurrentExecutions(int busy) {
        concurrentExecutions = busy;
    }

    void log(String line) {
        synchronized (log) {
            log.append(line).append('\n');
        }
    }

    String log() {
        synchronized (log) {
            return log.toString();
        }
    }
}
