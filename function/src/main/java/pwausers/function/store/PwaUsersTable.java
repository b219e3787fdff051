package pwausers.function.store;

/** The table's facts: its default name and its attribute names (the partition key is {@link #ID}). */
public final class PwaUsersTable {
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
