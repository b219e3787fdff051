package pwausers.bench.cost;

/**
 * What one request of a kind uses of each billed resource, when the deployed stack answers it.
 *
 * @param kind           e.g. {@code POST /pwausers}
 * @param invokes        whether the function runs (a request the stage throttles never reaches it)
 * @param writeUnits     DynamoDB write request units, every table together
 * @param readUnits      DynamoDB read request units
 * @param billedMillis   the function's billed duration, in ms (Lambda rounds up to the next ms)
 * @param logBytes       bytes written to CloudWatch Logs: the function's lines (its own, and Lambda's start and report
 *                       lines) and the stage's access log line
 * @param responseBytes  bytes of the answer sent back (status line, headers and body)
 */
public record RequestUsage(String kind, boolean invokes, double writeUnits, double readUnits, double billedMillis,
                           long logBytes, long responseBytes) {

    /*
     * A model rounded up from what `./pwa-users bench --only cost` measures (bench/results/, section "cost"): DynamoDB's
     * units per route as measured (every item here is under 1 KB: a write one unit, a strongly consistent read one);
     * a POST writes the entry, with an Idempotency-Key it also claims the key and completes it (three writes), a GET
     * reads consistently, a DELETE writes. The billed duration is a warm call's with margin for a busy sandbox; the log
     * bytes add Lambda's own START, END and REPORT lines to the function's line and the access log's; answers rounded
     * up.
     */

    /** {@code POST /pwausers} without an Idempotency-Key: one PutItem. */
    public static final RequestUsage POST = new RequestUsage("POST /pwausers", true, 1, 0, 20, 1_800, 600);
    /** {@code POST /pwausers} with a fresh Idempotency-Key: the claim, the entry, the key completed. */
    public static final RequestUsage POST_WITH_KEY = new RequestUsage("POST /pwausers with an Idempotency-Key", true,
            3, 0, 30, 1_800, 600);
    /** {@code GET /pwausers/{id}}: one consistent GetItem. */
    public static final RequestUsage GET = new RequestUsage("GET /pwausers/{id}", true, 0, 1, 20, 1_700, 600);
    /** {@code DELETE /pwausers/{id}}: one DeleteItem. */
    public static final RequestUsage DELETE = new RequestUsage("DELETE /pwausers/{id}", true, 1, 0, 20, 1_700, 400);
    /** Any request the stage throttles (429): API Gateway alone, its access log line and its answer. */
    public static final RequestUsage THROTTLED = new RequestUsage("any request throttled by the stage (429)", false,
            0, 0, 0, 400, 300);
}
