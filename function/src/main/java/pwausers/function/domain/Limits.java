package pwausers.function.domain;

import java.time.Duration;

/** Every limit the function enforces, in one place. The template and the README refer here. */
public final class Limits {
    /** Longest first or last name, in Unicode characters (code points), so that {@code 李} counts as one. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Largest request body accepted, in bytes (after base64 decoding); larger ones get 413. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** How many fresh ids to try when an id is already taken (one collision in 2^128 is astronomically rare). */
    public static final int ID_ATTEMPTS = 3;
    /** Overall bound on one PutItem, retries included; well below the function's 10 s timeout in template.yaml. */
    public static final Duration STORE_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Bound on each HTTP attempt of that call. */
    public static final Duration STORE_ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
    /** Bound on opening a connection to DynamoDB. */
    public static final Duration STORE_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Seconds a client is told to wait (Retry-After) when the store is unavailable or its request is in flight. */
    public static final int RETRY_AFTER_SECONDS = 1;
    /** Longest Idempotency-Key, in characters (printable ASCII only). */
    public static final int IDEMPOTENCY_KEY_MAX_LENGTH = 255;
    /** How long a completed request's key is remembered: a retry within it gets the first answer again. */
    public static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
    /**
     * How long a key stays claimed by a request in flight (others get 409 meanwhile). Longer than the function's
     * 10 s timeout, so that when it expires the first request has surely ended, and a retry may take over.
     */
    public static final Duration IDEMPOTENCY_LOCK = Duration.ofSeconds(15);

    private Limits() {
    }
}
