package pwausers.function;

import java.util.Optional;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserStore;

/** The users' store with each call's time counted against its request ({@link Deadline#storeCallTook}). */
final class TimedPwaUserStore implements PwaUserStore {
    private final PwaUserStore store;

    TimedPwaUserStore(PwaUserStore store) {
        this.store = store;
    }

    @Override
    public void insert(PwaUser user, Deadline deadline) {
        long start = System.nanoTime();
        try {
            store.insert(user, deadline);
        } finally {
            deadline.storeCallTook(System.nanoTime() - start);
        }
    }

    @Override
    public Optional<PwaUser> find(String id, Deadline deadline) {
        long start = System.nanoTime();
        try {
            return store.find(id, deadline);
        } finally {
            deadline.storeCallTook(System.nanoTime() - start);
        }
    }

    @Override
    public boolean delete(String id, Deadline deadline) {
        long start = System.nanoTime();
        try {
            return store.delete(id, deadline);
        } finally {
            deadline.storeCallTook(System.nanoTime() - start);
        }
    }
}
