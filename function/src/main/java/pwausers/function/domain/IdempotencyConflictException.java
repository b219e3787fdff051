package pwausers.function.domain;

/** The Idempotency-Key is bound to another request: still in flight, or made with another payload. */
public final class IdempotencyConflictException extends RuntimeException {
    private final boolean inFlight;

    private IdempotencyConflictException(String message, boolean inFlight) {
        super(message, null, false, false);
        this.inFlight = inFlight;
    }

    static IdempotencyConflictException requestInFlight() {
        return new IdempotencyConflictException(
                "A request with this Idempotency-Key is still in progress; retry shortly", true);
    }

    static IdempotencyConflictException keyUsedForOtherPayload() {
        return new IdempotencyConflictException(
                "This Idempotency-Key was already used with a different submission; use a new key", false);
    }

    /** True: retry later (409). False: the key cannot be used for this payload (422). */
    public boolean inFlight() {
        return inFlight;
    }
}
