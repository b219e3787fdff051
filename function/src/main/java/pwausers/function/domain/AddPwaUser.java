package pwausers.function.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The use case: give a valid submission a fresh id and store it, never overwriting an existing entry. With an
 * Idempotency-Key, a request and all its retries store one entry and get one answer.
 */
public final class AddPwaUser {
    private final PwaUserStore store;
    private final IdempotencyStore idempotency;
    private final PwaUserIds ids;
    private final Clock clock;

    public AddPwaUser(PwaUserStore store, IdempotencyStore idempotency, PwaUserIds ids, Clock clock) {
        this.store = store;
        this.idempotency = idempotency;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * What was stored. {@code replayed}: a retry of a completed request, answered as the first time, nothing
     * written. {@code completionDeferred}: the entry is stored but its key could not be marked completed; a
     * retry after the key's lock expires will find the entry and complete it.
     */
    public record Added(PwaUser user, boolean replayed, boolean completionDeferred) {
    }

    /**
     * Stores the submission and returns it as stored.
     *
     * @param key      the request's Idempotency-Key, or null
     * @param deadline when the request must have its answer: every store call ends by then
     * @throws IdempotencyConflictException when the key is bound to another request
     * @throws StoreException when it could not be stored (or not in time); nothing is claimed then
     */
    public Added add(NewPwaUser submission, IdempotencyKey key, Deadline deadline) {
        return key == null ? new Added(addWithFreshId(submission, deadline), false, false)
                : addOnce(submission, key, deadline);
    }

    private PwaUser addWithFreshId(NewPwaUser submission, Deadline deadline) {
        for (int attempt = 1; ; attempt++) {
            PwaUser user = new PwaUser(ids.next(), submission.firstname(), submission.lastname(), now());
            try {
                store.insert(user, deadline);
                return user;
            } catch (IdAlreadyExistsException e) {
                if (attempt >= StoreBounds.ID_ATTEMPTS) {
                    throw new StoreException("no free id after " + attempt + " attempts", e);
                }
            }
        }
    }

    private Added addOnce(NewPwaUser submission, IdempotencyKey key, Deadline deadline) {
        Instant now = now();
        String token = ids.next(); // the id this request reserves, should the key be free
        IdempotencyStore.Claim claim = idempotency.claim(key.value(), payloadHash(submission), token, now, deadline);
        if (claim instanceof IdempotencyStore.OtherPayload) {
            throw IdempotencyConflictException.keyUsedForOtherPayload();
        }
        if (claim instanceof IdempotencyStore.InProgress inProgress) {
            throw IdempotencyConflictException.requestInFlight(Duration.between(now, inProgress.lockedUntil()));
        }
        if (claim instanceof IdempotencyStore.Completed completed) {
            // same key, same payload: the same answer, rebuilt from the stored id and this (identical) submission
            return new Added(new PwaUser(completed.id(), submission.firstname(), submission.lastname(), null), true, false);
        }
        IdempotencyStore.Granted granted = (IdempotencyStore.Granted) claim;
        PwaUser user = new PwaUser(granted.id(), submission.firstname(), submission.lastname(), now);
        try {
            store.insert(user, deadline);
        } catch (IdAlreadyExistsException e) {
            if (!granted.resumed()) {
                idempotency.release(key.value(), token, deadline);
                throw new StoreException("the id reserved for an Idempotency-Key is taken", e);
            }
            // resumed: an earlier attempt with this key stored its entry under this reserved id before it stopped
        } catch (StoreUnavailableException e) {
            throw e; // the entry may have been stored: the key stays locked, and a retry after it finds out
        } catch (StoreException e) {
            idempotency.release(key.value(), token, deadline); // refused: nothing stored; a retry need not wait
            throw e;
        }
        try {
            idempotency.complete(key.value(), user.id(), deadline);
            return new Added(user, false, false);
        } catch (StoreException e) { // failed, or no time left
            return new Added(user, false, true); // the entry is stored: say so; the key completes on a retry
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** SHA-256 of the names (which cannot contain the NUL that separates them), base64: what a key is bound to. */
    public static String payloadHash(NewPwaUser submission) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha256.digest((submission.firstname() + '\0' + submission.lastname())
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
