package pwausers.function.domain;

/**
 * The use case: erase an entry by its id (the right to erasure; the id is the capability, as for reading it).
 * Only the entry with exactly this id is ever deleted.
 */
public final class DeletePwaUser {
    private final PwaUserStore store;

    public DeletePwaUser(PwaUserStore store) {
        this.store = store;
    }

    /**
     * @param deadline when the request must have its answer
     * @return true when the entry was there and is gone now; false when there was none with this id
     * @throws InvalidInputException when the id does not have the shape of an id (nothing is deleted)
     * @throws StoreException        when it could not be deleted, or it is not known whether it was (a retry
     *                               settles it: the entry is gone, or it is deleted then)
     */
    public boolean delete(String id, Deadline deadline) {
        return store.delete(PwaUserIds.requireWellFormed(id), deadline);
    }
}
