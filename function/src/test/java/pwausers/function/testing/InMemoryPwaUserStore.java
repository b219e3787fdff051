package pwausers.function.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdAlreadyExistsException;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserStore;

/** A store for unit tests of the request path; storage behaviour itself is tested against dynalite. */
public final class InMemoryPwaUserStore implements PwaUserStore {
    public final Map<String, PwaUser> users = new LinkedHashMap<>();
    private RuntimeException failure;

    /** Every following call throws this, and writes nothing. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public void insert(PwaUser user, Deadline deadline) {
        failIfAsked();
        if (users.containsKey(user.id())) {
            throw new IdAlreadyExistsException(null);
        }
        users.put(user.id(), user);
    }

    @Override
    public Optional<PwaUser> find(String id, Deadline deadline) {
        failIfAsked();
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public boolean delete(String id, Deadline deadline) {
        failIfAsked();
        return users.remove(id) != null;
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure;
        }
    }
}
