package pwausers.function.domain;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import pwausers.function.Limits;
import pwausers.function.store.IdAlreadyExistsException;
import pwausers.function.store.PwaUserStore;
import pwausers.function.store.StoreException;

/** The use case: give a valid submission a fresh id and store it, never overwriting an existing entry. */
public final class AddPwaUser {
    private final PwaUserStore store;
    private final PwaUserIds ids;
    private final Clock clock;

    public AddPwaUser(PwaUserStore store, PwaUserIds ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Stores the submission and returns it as stored.
     *
     * @throws StoreException when it could not be stored; nothing is claimed then
     */
    public PwaUser add(NewPwaUser submission) {
        for (int attempt = 1; ; attempt++) {
            PwaUser user = new PwaUser(ids.next(), submission.firstname(), submission.lastname(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            try {
                store.insert(user);
                return user;
            } catch (IdAlreadyExistsException e) {
                if (attempt >= Limits.ID_ATTEMPTS) {
                    throw new StoreException("no free id after " + attempt + " attempts", e);
                }
            }
        }
    }
}
