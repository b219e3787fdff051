package pwausers.function;

import java.util.Map;
import pwausers.function.store.PwaUsersTable;

/**
 * The function's settings, read once at start-up from the environment (template.yaml sets them).
 *
 * @param tableName     the DynamoDB table ({@code TABLE_NAME}, default {@code PwaUsers})
 * @param allowedOrigin the value of {@code Access-Control-Allow-Origin} ({@code ALLOWED_ORIGIN}, default {@code *})
 */
public record Configuration(String tableName, String allowedOrigin) {
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String ALLOWED_ORIGIN = "ALLOWED_ORIGIN";

    public Configuration {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException(TABLE_NAME + " must not be blank");
        }
        if (allowedOrigin == null || allowedOrigin.isBlank()) {
            throw new IllegalArgumentException(ALLOWED_ORIGIN + " must not be blank");
        }
    }

    public static Configuration fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the settings from a map of environment variables; unset or empty ones take their defaults. */
    public static Configuration from(Map<String, String> env) {
        return new Configuration(
                valueOr(env, TABLE_NAME, PwaUsersTable.DEFAULT_NAME),
                valueOr(env, ALLOWED_ORIGIN, "*"));
    }

    private static String valueOr(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
