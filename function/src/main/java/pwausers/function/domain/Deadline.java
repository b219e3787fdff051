package pwausers.function.domain;

import java.time.Duration;

/**
 * A request's time. When it must have its answer: Lambda stops a function at its timeout, and the client then gets
 * API Gateway's error instead of ours; every call to a store is bounded by what remains of it. And how much of it went
 * to store calls, the StoreLatency of its log line: every store call takes its time from the request's deadline.
 *
 * <p>One request, one deadline, one thread: the handler makes one for each request and runs the request on it.
 */
public final class Deadline {
    /** For callers with no time limit (no Lambda context): far beyond any store call's own bound. */
    private static final Duration NONE = Duration.ofDays(1);

    private final long endNanos;
    private long storeNanos;
    private boolean storeCalled;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    /** A deadline {@code time} from now. */
    public static Deadline in(Duration time) {
        return new Deadline(System.nanoTime() + time.toNanos());
    }

    /** No deadline of the request's own: each call keeps its own bound. */
    public static Deadline none() {
        return in(NONE);
    }

    /** What remains; zero or negative once it has passed. */
    public Duration remaining() {
        return Duration.ofNanos(endNanos - System.nanoTime());
    }

    /** The lesser of {@code bound} and what remains (zero or negative once the deadline has passed). */
    public Duration bound(Duration bound) {
        Duration remaining = remaining();
        return remaining.compareTo(bound) < 0 ? remaining : bound;
    }

    /** Counts a store call of the request, which took {@code nanos}, whatever its outcome. */
    public void storeCallTook(long nanos) {
        storeNanos += nanos;
        storeCalled = true;
    }

    /** The time the request's store calls took, all of them; -1 when it made none. */
    public long storeNanos() {
        return storeCalled ? storeNanos : -1;
    }
}
