package pwausers.function.contract;

/**
 * The function's own CloudWatch metrics, which it publishes without an API call: its log line of each request carries
 * them in CloudWatch's embedded metric format. template.yaml's dashboard and StoreFailures alarm read them by these
 * names (TemplateIT holds the two together). Every metric has the dimension {@link #FUNCTION_NAME}; {@link #REFUSALS}
 * has {@link #STATUS} and {@link #FIELD} as well, whose values come from the function's code, never from a request, so
 * that they stay few.
 */
public final class Metrics {
    /** The namespace of every metric here. */
    public static final String NAMESPACE = "PwaUsers";

    /** Dimension: the function's name, from {@link Environment#FUNCTION_NAME}. */
    public static final String FUNCTION_NAME = "FunctionName";
    /** Dimension of {@link #REFUSALS}: the answer's status code, as text ({@code "400"}). */
    public static final String STATUS = "Status";
    /** Dimension of {@link #REFUSALS}: the request field or header at fault ({@code "fname"}), else {@link #NO_FIELD}. */
    public static final String FIELD = "Field";
    /** The {@link #FIELD} of a refusal that no one field caused. */
    public static final String NO_FIELD = "-";

    /** Entries stored (a 201 that wrote one; a replay is not counted here). Unit {@link #COUNT}. */
    public static final String SUBMISSIONS_STORED = "SubmissionsStored";
    /** Requests refused with a 4xx answer, by {@link #STATUS} and {@link #FIELD}. Unit {@link #COUNT}. */
    public static final String REFUSALS = "Refusals";
    /** Retries answered as their first request was (201 with Idempotent-Replayed), nothing written. Unit {@link #COUNT}. */
    public static final String IDEMPOTENT_REPLAYS = "IdempotentReplays";
    /** Idempotency-Keys in use by another request (409) or bound to another payload (422). Unit {@link #COUNT}. */
    public static final String IDEMPOTENCY_CONFLICTS = "IdempotencyConflicts";
    /** Time a request spent in its DynamoDB calls, all of them, retries included. Unit {@link #MILLISECONDS}. */
    public static final String STORE_LATENCY = "StoreLatency";
    /** 5xx answers caused by DynamoDB (throttled, unreachable, failing or refusing). Unit {@link #COUNT}. */
    public static final String STORE_FAILURES = "StoreFailures";

    /** CloudWatch's unit names (MetricDatum's Unit). */
    public static final String COUNT = "Count";
    public static final String MILLISECONDS = "Milliseconds";

    private Metrics() {
    }
}
