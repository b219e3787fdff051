package pwausers.function.domain;

/** The store is throttling or cannot be reached (after the SDK's own retries): a retry later may succeed. */
public class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
