package pwausers.function.domain;


/** Where submissions are kept. */
public interface PwaUserStore {
    /**
     * Stores a new entry; an existing entry with the same id is never overwritten.
     *
     * @param deadline what bounds the call, beside its own bound
     * @throws IdAlreadyExistsException  when an entry with that id exists already (nothing was written)
     * @throws StoreUnavailableException when the store is throttling or out of reach, or the deadline came first;
     *                                   worth a retry later
     * @throws StoreException            on any other failure
     */
    void insert(PwaUser user, Deadline deadline);
}
