package pwausers.bench.load;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * One pace for every thread that reads or deletes entries of a deployment: when one is told to slow down (a 429 of the
 * stage's throttle, a 503 with Retry-After), none sends again before the wait is over, so that a throttled stage sees
 * a few retries, not a storm. The wait is the answer's Retry-After, else 100 ms doubled with each refusal in a row (at
 * most 2 s), with jitter. Only an answer to a request sent after the latest refusal ends the streak: one that was
 * already in flight says nothing of the stage now, and would let the other threads' refusals start again at 100 ms.
 */
final class Backoff {
    private static final long FIRST_NANOS = Duration.ofMillis(100).toNanos();
    private static final long LONGEST_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long LONGEST_RETRY_AFTER_NANOS = Duration.ofSeconds(10).toNanos();
    private final LongSupplier clock;
    private final LongConsumer sleeper;
    private long notBefore;
    private long lastRefusal;
    private int streak;

    Backoff() {
        this(System::nanoTime, LocalTarget::sleep);
    }

    /**
     * @param clock   nanoseconds, as {@link System#nanoTime()}
     * @param sleeper sleeps the given milliseconds
     */
    Backoff(LongSupplier clock, LongConsumer sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.notBefore = clock.getAsLong();
        this.lastRefusal = notBefore - 1;
    }

    /**
     * Waits until a request may be sent, looking again after each sleep (another thread may have been refused
     * meanwhile); returns the time it may be sent, on the clock.
     */
    long awaitTurn() {
        while (true) {
            long now;
            long wait;
            synchronized (this) {
                now = clock.getAsLong();
                wait = notBefore - now;
            }
            if (wait <= 0) {
                return now;
            }
            sleeper.accept(Math.max(1, Duration.ofNanos(wait).toMillis()));
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
        lastRefusal = clock.getAsLong();
        notBefore = Math.max(notBefore, lastRefusal + wait);
    }

    /**
     * An answer that is not a refusal, to a request sent at {@code sentNanos} (what {@link #awaitTurn()} returned): it
     * ends the streak if that request left after the latest refusal.
     */
    synchronized void answered(long sentNanos) {
        if (sentNanos - lastRefusal > 0) {
            streak = 0;
        }
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
