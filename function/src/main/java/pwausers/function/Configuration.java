package pwausers.function;

import java.util.Map;
import pwausers.function.store.IdempotencyTable;
import pwausers.function.store.PwaUsersTable;

/**
 * The function's settings, read once at start-up from the environment (template.yaml sets them).
 *
 * @param tableName            the DynamoDB table ({@code TABLE_NAME}, default {@code PwaUsers})
 * @param allowedOrigin        the value of {@code Access-Control-Allow-Origin} ({@code ALLOWED_ORIGIN}, default {@code *})
 * @param idempotencyTableName the table of Idempotency-Key records ({@code IDEMPOTENCY_TABLE_NAME},
 *                             default {@code PwaUsersIdempotency})
 */
public record Configuration(String tableName, String allowedOrigin, String idempotencyTableName) {
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String ALLOWED_ORIGIN = "ALLOWED_ORIGIN";
    public static final String IDEMPOTENCY_TABLE_NAME = "IDEMPOTENCY_TABLE_NAME";

    public Configuration {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException(TABLE_NAME + " must not be blank");
        }
        if (idempotencyTableName == null || idempotencyTableName.isBlank()) {
            throw new IllegalArgumentException(IDEMPOTENCY_TABLE_NAME + " must not be blank");
        }
        if (allowedOrigin == null || allowedOrigin.isBlank()) {
            throw new IllegalArgumentException(ALLOWED_ORIGIN + " must not be blank");
        }
    }

    /** The default idempotency table, for callers that only name the users' table. */
    public Configuration(String tableName, String allowedOrigin) {
        this(tableName, allowedOrigin, IdempotencyTable.DEFAULT_NAME);
    }

    public static Configuration fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the settings from a map of environment variables; unset or empty ones take their defaults. */
    public static Configuration from(Map<String, String> env) {
        return new Configuration(
                valueOr(env, TABLE_NAME, PwaUsersTable.DEFAULT_NAME),
                valueOr(env, ALLOWED_ORIGIN, "*"),
                valueOr(env, IDEMPOTENCY_TABLE_NAME, IdempotencyTable.DEFAULT_NAME));
    }

    private static String valueOr(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
