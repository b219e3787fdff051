package pwausers.function;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.Map;
import pwausers.function.contract.Environment;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;

/**
 * The function's settings, read once at start-up from the environment (template.yaml sets them; {@link Environment}
 * names the variables).
 *
 * @param tableName            the DynamoDB table ({@code TABLE_NAME}, default {@code PwaUsers})
 * @param allowedOrigin        the value of {@code Access-Control-Allow-Origin} ({@code ALLOWED_ORIGIN}, default {@code *})
 * @param idempotencyTableName the table of Idempotency-Key records ({@code IDEMPOTENCY_TABLE_NAME},
 *                             default {@code PwaUsersIdempotency})
 * @param logLevel             the lowest level of the request log written ({@code AWS_LAMBDA_LOG_LEVEL}, which Lambda
 *                             sets from the function's {@code LoggingConfig.ApplicationLogLevel}; default INFO)
 * @param functionName         the function's name, the FunctionName dimension of its metrics
 *                             ({@code AWS_LAMBDA_FUNCTION_NAME}, which Lambda sets; default {@code AddPwaUser}, its
 *                             name in template.yaml, as the local stack names it)
 */
public record Configuration(String tableName, String allowedOrigin, String idempotencyTableName, LogLevel logLevel,
                            String functionName) {
    public static final LogLevel DEFAULT_LOG_LEVEL = LogLevel.INFO;
    public static final String DEFAULT_FUNCTION_NAME = "AddPwaUser";

    public Configuration {
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException(Environment.TABLE_NAME + " must not be blank");
        }
        if (idempotencyTableName == null || idempotencyTableName.isBlank()) {
            throw new IllegalArgumentException(Environment.IDEMPOTENCY_TABLE_NAME + " must not be blank");
        }
        if (allowedOrigin == null || allowedOrigin.isBlank()) {
            throw new IllegalArgumentException(Environment.ALLOWED_ORIGIN + " must not be blank");
        }
        if (logLevel == null || logLevel == LogLevel.UNDEFINED) {
            throw new IllegalArgumentException(Environment.LOG_LEVEL + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
        }
        if (functionName == null || functionName.isBlank()) {
            throw new IllegalArgumentException(Environment.FUNCTION_NAME + " must not be blank");
        }
    }

    /** The default function name, for callers that set the rest. */
    public Configuration(String tableName, String allowedOrigin, String idempotencyTableName, LogLevel logLevel) {
        this(tableName, allowedOrigin, idempotencyTableName, logLevel, DEFAULT_FUNCTION_NAME);
    }

    /** The default log level, for callers that name the tables. */
    public Configuration(String tableName, String allowedOrigin, String idempotencyTableName) {
        this(tableName, allowedOrigin, idempotencyTableName, DEFAULT_LOG_LEVEL);
    }

    /** The default idempotency table and log level, for callers that only name the users' table. */
    public Configuration(String tableName, String allowedOrigin) {
        this(tableName, allowedOrigin, IdempotencyTable.DEFAULT_NAME);
    }

    /** The defaults of every setting: the workshop's table, any origin. */
    public static Configuration defaults() {
        return from(Map.of());
    }

    /** Reads the settings from a map of environment variables; unset or empty ones take their defaults. */
    public static Configuration from(Map<String, String> env) {
        String level = env.get(Environment.LOG_LEVEL);
        return new Configuration(
                valueOr(env, Environment.TABLE_NAME, PwaUsersTable.DEFAULT_NAME),
                valueOr(env, Environment.ALLOWED_ORIGIN, Environment.ANY_ORIGIN),
                valueOr(env, Environment.IDEMPOTENCY_TABLE_NAME, IdempotencyTable.DEFAULT_NAME),
                level == null || level.isBlank() ? DEFAULT_LOG_LEVEL : logLevel(level),
                valueOr(env, Environment.FUNCTION_NAME, DEFAULT_FUNCTION_NAME));
    }

    /** The level named (any case), or a failure that names the variable and the values it may take. */
    private static LogLevel logLevel(String name) {
        try {
            return LogLevel.fromString(name.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Environment.LOG_LEVEL + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, not "
                    + name, e);
        }
    }

    private static String valueOr(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
