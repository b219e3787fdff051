package pwausers.bench.load;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One pace for every thread that reads or deletes entries of a deployment: when one is told to slow down (a 429 of the
 * stage's throttle, a 503 with Retry-After), none sends again before the wait is over, so that a throttled stage sees
 * a few retries, not a storm. The wait is the answer's Retry-After, else 100 ms doubled with each refusal in a row (at
 * most 2 s), with jitter; an answer that is not a refusal ends the streak.
 */
final class Backoff {
    private static final long FIRST_NANOS = Duration.ofMillis(100).toNanos();
    private static final long LONGEST_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long LONGEST_RETRY_AFTER_NANOS = Duration.ofSeconds(10).toNanos();
    private long notBefore = System.nanoTime();
    private int streak;

    /** Waits until a request may be sent. */
    void awaitTurn() {
        long wait;
        synchronized (this) {
            wait = notBefore - System.nanoTime();
        }
        if (wait > 0) {
            LocalTarget.sleep(Math.max(1, wait / 1_000_000));
        }
    }

    /**
     * A refusal: nobody sends before its wait is over.
     *
     * @param retryAfterSeconds the answer's Retry-After, or null
     */
    synchronized void refused(String retryAfterSeconds) {
        streak++;
        Long told = retryAfterNanos(retryAfterSeconds);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // never sooner than the server said; a doubling wait jittered within its upper half
        long wait = told != null ? told + random.nextLong(told / 5 + 1)
                : doublingNanos(streak) / 2 + random.nextLong(doublingNanos(streak) / 2 + 1);
        notBefore = Math.max(notBefore, System.nanoTime() + wait);
    }

    /** An answer that is not a refusal. */
    synchronized void answered() {
        streak = 0;
    }

    /** The wait after the {@code streak}-th refusal in a row that named none, before jitter. */
    static long doublingNanos(int streak) {
        return Math.min(LONGEST_NANOS, FIRST_NANOS << Math.min(streak - 1, 10));
    }

    /** A Retry-After in seconds (at most 10 s), or null for none, an HTTP date or garbage. */
    static Long retryAfterNanos(String seconds) {
        if (seconds == null) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds.strip());
            return value < 0 ? null : Math.min(LONGEST_RETRY_AFTER_NANOS, Duration.ofSeconds(value).toNanos());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
