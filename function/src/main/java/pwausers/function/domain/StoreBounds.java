package pwausers.function.domain;

import java.time.Duration;
import pwausers.function.contract.Limits;

/** How long and how often the use cases and the stores try: the bounds behind the published {@link Limits}. */
public final class StoreBounds {
    /** How many fresh ids to try when an id is already taken (one collision in 2^128 is astronomically rare). */
    public static final int ID_ATTEMPTS = 3;
    /**
     * Overall bound on one DynamoDB call, retries included; well below the function's 10 s timeout in template.yaml.
     * A request makes up to four in a row (an Idempotency-Key's claim, a takeover, the entry, the completion): each
     * is also cut to what remains of the request's {@link Deadline}.
     */
    public static final Duration STORE_CALL_TIMEOUT = Duration.ofSeconds(Limits.STORE_CALL_TIMEOUT_SECONDS);
    /** Bound on each HTTP attempt of that call. */
    public static final Duration STORE_ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
    /**
     * Time kept back from what Lambda leaves a request ({@code Context.getRemainingTimeInMillis()}) to write the
     * answer and the log line: store calls end this long before the function's timeout, so that a request that runs
     * out of time still answers 503 with Retry-After (or 201, once its entry is stored), never API Gateway's error.
     */
    public static final Duration ANSWER_MARGIN = Duration.ofMillis(500);
    /** Bound on opening a connection to DynamoDB. */
    public static final Duration STORE_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** {@link Limits#IDEMPOTENCY_TTL_HOURS}. */
    public static final Duration IDEMPOTENCY_TTL = Duration.ofHours(Limits.IDEMPOTENCY_TTL_HOURS);
    /** {@link Limits#IDEMPOTENCY_LOCK_SECONDS}. */
    public static final Duration IDEMPOTENCY_LOCK = Duration.ofSeconds(Limits.IDEMPOTENCY_LOCK_SECONDS);

    private StoreBounds() {
    }
}
