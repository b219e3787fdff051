package pwausers.function.contract;

/**
 * The environment variables the function reads, once, when Lambda constructs it: its own settings (template.yaml
 * sets them), those Lambda's runtime sets, and the AWS SDK's standard ones that point its DynamoDB client elsewhere
 * (the local stack sets those).
 */
public final class Environment {
    /** The users' table ({@link PwaUsersTable#DEFAULT_NAME} when unset). */
    public static final String TABLE_NAME = "TABLE_NAME";
    /** The Idempotency-Key records' table ({@link IdempotencyTable#DEFAULT_NAME} when unset). */
    public static final String IDEMPOTENCY_TABLE_NAME = "IDEMPOTENCY_TABLE_NAME";
    /** The value of {@code Access-Control-Allow-Origin} ({@link #ANY_ORIGIN} when unset). */
    public static final String ALLOWED_ORIGIN = "ALLOWED_ORIGIN";
    /** {@link #ALLOWED_ORIGIN}'s default: any origin. */
    public static final String ANY_ORIGIN = "*";

    /** Set by Lambda from the template's {@code LoggingConfig.ApplicationLogLevel}: the lowest level logged. */
    public static final String LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";
    /** Set by Lambda: the function's name, the {@code FunctionName} dimension of its metrics. */
    public static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    /** Set by Lambda: how it initialises the function, {@link #ON_DEMAND}, {@link #SNAP_START} or provisioned. */
    public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public static final String ON_DEMAND = "on-demand";
    /** The initialisation of a SnapStart snapshot: the function registers its CRaC hooks (priming). */
    public static final String SNAP_START = "snap-start";

    /** The AWS SDK's own variables, read by the function's DynamoDB client (its default chains). */
    public static final String ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String REGION = "AWS_REGION";
    public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

    private Environment() {
    }
}
