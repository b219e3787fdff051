package pwausers.local.gateway;

import java.util.function.LongSupplier;

/**
 * API Gateway's throttle: a bucket of {@code burst} tokens, full at the start, refilled at {@code rate} tokens a
 * second and never beyond {@code burst}; each request takes one, and a request that finds none is throttled (AWS,
 * <i>Throttle requests to your REST APIs</i>: "API Gateway throttles requests to your API using the token bucket
 * algorithm, where a token counts for a request"; the burst limit is the bucket's size).
 *
 * <p>Written here rather than taken from a library: Guava's RateLimiter stores permits by time (rate × seconds),
 * not a burst count, and resilience4j's refreshes fixed windows; neither is this bucket.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double rate;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    /**
     * @param rate     tokens added a second (0: none, the bucket only ever serves its first burst)
     * @param burst    the bucket's size (0: every request is throttled)
     * @param nanoTime the clock (System::nanoTime; a test's own)
     */
    TokenBucket(double rate, int burst, LongSupplier nanoTime) {
        if (!(rate >= 0) || burst < 0) {
            throw new IllegalArgumentException("a throttle needs a rate and a burst of 0 or more, not " + rate + " and " + burst);
        }
        this.rate = rate;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes a token if there is one: true when the request may go on, false when it is throttled. */
    synchronized boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) / NANOS_PER_SECOND * rate);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
