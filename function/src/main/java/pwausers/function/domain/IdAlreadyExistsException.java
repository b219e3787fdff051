package pwausers.function.domain;

/** An entry with that id exists already; nothing was written. */
public class IdAlreadyExistsException extends StoreException {
    /** The message never holds the id: it is a capability, and messages reach the log. */
    public IdAlreadyExistsException(Throwable cause) {
        super("an entry with this id exists already", cause);
    }
}
