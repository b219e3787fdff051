package pwausers.function.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdempotencyStore;
import pwausers.function.domain.StoreBounds;

/** Keys in memory, for unit tests of the request path; the real semantics are tested against dynalite. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private record Entry(String hash, String id, boolean completed, Instant lockedUntil) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    @Override
    public synchronized Claim claim(String key, String payloadHash, String newId, Instant now, Deadline deadline) {
        Entry entry = entries.get(key);
        if (entry == null) {
            entries.put(key, new Entry(payloadHash, newId, false, now.plus(StoreBounds.IDEMPOTENCY_LOCK)));
            return new Granted(newId, false);
        }
        if (!entry.hash().equals(payloadHash)) {
            return new OtherPayload();
        }
        return entry.completed() ? new Completed(entry.id()) : new InProgress(entry.lockedUntil());
    }

    @Override
    public synchronized void release(String key, String token, Deadline deadline) {
        entries.computeIfPresent(key, (k, e) -> e.completed() || !e.id().equals(token) ? e : null);
    }

    @Override
    public synchronized void complete(String key, String id, Deadline deadline) {
        entries.computeIfPresent(key, (k, e) -> new Entry(e.hash(), e.id(), true, e.lockedUntil()));
    }
}
