package pwausers.function.domain;

import java.time.Duration;

/**
 * When a request must have its answer: Lambda stops a function at its timeout, and the client then gets API
 * Gateway's error instead of ours. Every call to a store is bounded by what remains of it.
 */
public final class Deadline {
    /** For callers with no time limit (no Lambda context): far beyond any store call's own bound. */
    private static final Duration NONE = Duration.ofDays(1);

    private final long endNanos;

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
}
