package pwausers.function;

import java.time.Instant;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdempotencyStore;

/** The Idempotency-Key store with each call's time counted against its request ({@link Deadline#storeCallTook}). */
final class TimedIdempotencyStore implements IdempotencyStore {
    private final IdempotencyStore store;

    TimedIdempotencyStore(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public Claim claim(String key, String payloadHash, String newId, Instant now, Deadline deadline) {
        long start = System.nanoTime();
        try {
            return store.claim(key, payloadHash, newId, now, deadline);
        } finally {
            deadline.storeCallTook(System.nanoTime() - start);
        }
    }

    @Override
    public void complete(String key, String id, Deadline deadline) {
        long start = System.nanoTime();
        try {
            store.complete(key, id, deadline);
        } finally {
            deadline.storeCallTook(System.nanoTime() - start);
        }
    }

    @Override
    public void release(String key, String token, Deadline deadline) {
        long start = System.nanoTime();
        try {
            store.release(key, token, deadline);
        } finally {
            deadline.storeCallTook(System.nanoTime() - start);
        }
    }
}
