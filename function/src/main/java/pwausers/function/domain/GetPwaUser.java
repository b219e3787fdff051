package pwausers.function.domain;

import java.util.Optional;

/**
 * The use case: read an entry back by its id. The id is a capability: 16 random bytes that only the submitter
 * received, so whoever holds it may read the entry.
 */
public final class GetPwaUser {
    private final PwaUserStore store;

    public GetPwaUser(PwaUserStore store) {
        this.store = store;
    }

    /**
     * @param deadline when the request must have its answer
     * @return the entry as stored, or empty when there is none with this id
     * @throws InvalidInputException when the id does not have the shape of an id (nothing is read)
     * @throws StoreException        when it could not be read (or not in time)
     */
    public Optional<PwaUser> get(String id, Deadline deadline) {
        return store.find(PwaUserIds.requireWellFormed(id), deadline);
    }
}
