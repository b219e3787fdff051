package pwausers.function.domain;

/** An entry with that id exists already; nothing was written. */
public class IdAlreadyExistsException extends StoreException {
    public IdAlreadyExistsException(String id, Throwable cause) {
        super("an entry with id " + id + " exists already", cause);
    }
}
