package pwausers.function.domain;

/**
 * The store is throttling or cannot be reached (after the SDK's own retries): a retry later may succeed. Whether the
 * call wrote anything is unknown (a call that timed out or met a server error may have been applied), unless the
 * store knows it was refused or never sent ({@link #nothingWritten}).
 */
public class StoreUnavailableException extends StoreException {
    private final boolean outcomeUnknown;

    /** A call whose outcome is unknown: it may have been applied. */
    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, true);
    }

    private StoreUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** A call that was refused (throttled) or never made: it wrote nothing. */
    public static StoreUnavailableException nothingWritten(String message, Throwable cause) {
        return new StoreUnavailableException(message, cause, false);
    }

    /** Whether the call may have written (then the answer must not say that nothing was stored). */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
