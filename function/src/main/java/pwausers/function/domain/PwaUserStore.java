package pwausers.function.domain;

import java.util.Optional;

/** Where submissions are kept, each under its id. */
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

    /**
     * The entry with this id, as it was last stored (a write that was acknowledged is always seen).
     *
     * @return empty when there is none
     * @throws StoreUnavailableException as for {@link #insert}
     * @throws StoreException            on any other failure
     */
    Optional<PwaUser> find(String id, Deadline deadline);

    /**
     * Deletes the entry with this id, and nothing else.
     *
     * @return true when there was one (it is gone now), false when there was none
     * @throws StoreUnavailableException as for {@link #insert}: whether it was deleted is then unknown
     * @throws StoreException            on any other failure
     */
    boolean delete(String id, Deadline deadline);
}
