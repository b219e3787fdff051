package pwausers.function.contract;

/**
 * The users' table's facts: its logical id in template.yaml, its default name and its attribute names (the
 * partition key is {@link #ID}).
 */
public final class PwaUsersTable {
    /** The table's resource in template.yaml; the function's {@link Environment#TABLE_NAME} refers to it. */
    public static final String LOGICAL_ID = "PwaUsersTable";
    /** The workshop's name, used when {@link Environment#TABLE_NAME} is not set. */
    public static final String DEFAULT_NAME = "PwaUsers";
    /** Partition key, type String. */
    public static final String ID = "PwaUserID";
    public static final String FIRSTNAME = "Firstname";
    public static final String LASTNAME = "Lastname";
    /** ISO-8601 UTC instant, e.g. {@code 2026-11-26T18:40:00.123Z}. */
    public static final String CREATED_AT = "CreatedAt";

    private PwaUsersTable() {
    }
}
