package pwausers.function.contract;

/**
 * The facts of the table of Idempotency-Key records: one item per key, holding the id reserved for its request,
 * a hash of its payload (never the names), its state, and when it expires (a DynamoDB TTL attribute).
 */
public final class IdempotencyTable {
    /** The table's resource in template.yaml; the function's {@link Environment#IDEMPOTENCY_TABLE_NAME} refers to it. */
    public static final String LOGICAL_ID = "PwaUsersIdempotencyTable";
    /** The name used when {@link Environment#IDEMPOTENCY_TABLE_NAME} is not set. */
    public static final String DEFAULT_NAME = "PwaUsersIdempotency";
    /** Partition key, type String: the client's Idempotency-Key. */
    public static final String KEY = "IdempotencyKey";
    /** SHA-256 of the submission, base64: the same key with another payload is refused. */
    public static final String PAYLOAD_HASH = "PayloadHash";
    /** The id reserved for this key's request, under the same attribute name as in the users' table. */
    public static final String PWA_USER_ID = PwaUsersTable.ID;
    /**
     * The random token of the request that holds the key now (the fresh id it drew), set by its claim or takeover:
     * when the SDK resends a claim whose answer was lost, the resent one finds it and knows the claim is its own.
     */
    public static final String CLAIM_TOKEN = "ClaimToken";
    /** The record's {@link Status}, by its name. */
    public static final String STATUS = "Status";
    /** Epoch milliseconds until which a request in flight holds the key. */
    public static final String LOCKED_UNTIL = "LockedUntil";
    /** Epoch seconds after which the record is void: DynamoDB's TTL deletes it (dynalite never does). */
    public static final String EXPIRES_AT = "ExpiresAt";

    /** Where the request holding a key stands. */
    public enum Status {
        /** A request holds the key until {@link #LOCKED_UNTIL}, and may be storing its entry. */
        INPROGRESS,
        /** The request stored its entry under {@link #PWA_USER_ID}: a retry gets the same answer. */
        COMPLETED
    }

    private IdempotencyTable() {
    }
}
