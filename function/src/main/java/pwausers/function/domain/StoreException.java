package pwausers.function.domain;

/** The store failed; the entry must not be reported as saved. The message is for logs, not for clients. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
