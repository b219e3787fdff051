package pwausers.function.domain;

import java.time.Duration;

/** The Idempotency-Key is bound to another request: still in flight, or made with another payload. */
public final class IdempotencyConflictException extends RuntimeException {
    private final boolean inFlight;
    private final Duration retryAfter;

    private IdempotencyConflictException(String message, boolean inFlight, Duration retryAfter) {
        super(message, null, false, false);
        this.inFlight = inFlight;
        this.retryAfter = retryAfter;
    }

    /** @param retryAfter how long the request in flight still holds the key: a retry before then gets 409 again */
    static IdempotencyConflictException requestInFlight(Duration retryAfter) {
        return new IdempotencyConflictException(
                "A request with this Idempotency-Key is still in progress; retry after the time in Retry-After", true,
                retryAfter);
    }

    static IdempotencyConflictException keyUsedForOtherPayload() {
        return new IdempotencyConflictException(
                "This Idempotency-Key was already used with a different submission; use a new key", false,
                Duration.ZERO);
    }

    /** When a retry can proceed (the lock of the request in flight lapses); zero for another payload. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True: retry later (409). False: the key cannot be used for this payload (422). */
    public boolean inFlight() {
        return inFlight;
    }
}
