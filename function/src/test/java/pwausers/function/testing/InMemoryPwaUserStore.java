package pwausers.function.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.IdAlreadyExistsException;
import pwausers.function.domain.PwaUserStore;

/** A store for unit tests of the request path; storage behaviour itself is tested against dynalite. */
public final class InMemoryPwaUserStore implements PwaUserStore {
    public final Map<String, PwaUser> users = new LinkedHashMap<>();
    private RuntimeException failure;

    /** Every following insert throws this, and writes nothing. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public void insert(PwaUser user, Deadline deadline) {
        if (failure != null) {
            throw failure;
        }
        if (users.containsKey(user.id())) {
            throw new IdAlreadyExistsException(user.id(), null);
        }
        users.put(user.id(), user);
    }
}
