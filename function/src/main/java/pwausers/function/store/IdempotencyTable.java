package pwausers.function.store;

/**
 * The facts of the table of Idempotency-Key records: one item per key, holding the id reserved for its request,
 * a hash of its payload (never the names), its state, and when it expires (a DynamoDB TTL attribute).
 */
public final class IdempotencyTable {
    public static final String DEFAULT_NAME = "PwaUsersIdempotency";
    /** Partition key, type String: the client's Idempotency-Key. */
    public static final String KEY = "IdempotencyKey";
    /** SHA-256 of the submission, base64: the same key with another payload is refused. */
    public static final String PAYLOAD_HASH = "PayloadHash";
    /** The PwaUserID reserved for this key's request. */
    public static final String PWA_USER_ID = "PwaUserId";
    /**
     * The random token of the request that holds the key now (the fresh id it drew), set by its claim or takeover:
     * when the SDK resends a claim whose answer was lost, the resent one finds it and knows the claim is its own.
     */
    public static final String CLAIM_TOKEN = "ClaimToken";
    /** {@link #IN_PROGRESS} or {@link #COMPLETED}. */
    public static final String STATUS = "Status";
    public static final String IN_PROGRESS = "INPROGRESS";
    public static final String COMPLETED = "COMPLETED";
    /** Epoch milliseconds until which a request in flight holds the key. */
    public static final String LOCKED_UNTIL = "LockedUntil";
    /** Epoch seconds after which the record is void: DynamoDB's TTL deletes it (dynalite never does). */
    public static final String EXPIRES_AT = "ExpiresAt";

    private IdempotencyTable() {
    }
}
