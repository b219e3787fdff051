package pwausers.function.domain;

import java.time.Instant;

/** Where Idempotency-Key records are kept: a key is claimed by one request at a time, then remembers its answer. */
public interface IdempotencyStore {

    /** What claiming a key came to. */
    sealed interface Claim permits Granted, Completed, InProgress, OtherPayload {
    }

    /**
     * The caller holds the key and must store its entry under {@code id}. {@code resumed}: an earlier request with
     * this key stopped before it completed (its lock expired); its entry may already be stored under this id.
     */
    record Granted(String id, boolean resumed) implements Claim {
    }

    /** A request with this key and this payload was completed: its entry has this id. */
    record Completed(String id) implements Claim {
    }

    /** A request with this key is in flight; it holds the key until {@code lockedUntil}. */
    record InProgress(Instant lockedUntil) implements Claim {
    }

    /** The key was used with another payload. */
    record OtherPayload() implements Claim {
    }

    /**
     * Claims the key for a request with this payload hash, reserving {@code newId} for its entry, unless the key is
     * bound already (and not expired).
     *
     * @param deadline what bounds the calls it makes, beside their own bounds
     * @throws StoreUnavailableException when the store is throttling or out of reach, or the deadline came first
     * @throws StoreException            on any other failure
     */
    Claim claim(String key, String payloadHash, String newId, Instant now, Deadline deadline);

    /** Records that the request holding the key stored its entry under {@code id}. */
    void complete(String key, String id, Deadline deadline);

    /**
     * The request that claimed the key with {@code token} (the {@code newId} it passed to {@link #claim}) ends
     * without having stored its entry: its lock lapses now, so that a retry goes on at once, taking over the id the
     * key reserved, rather than getting 409 until the lock's time is up. Best effort: a failure here changes nothing
     * but that wait, and is not thrown.
     */
    void release(String key, String token, Deadline deadline);
}
