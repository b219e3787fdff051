package pwausers.function.contract;

/** The HTTP headers the API reads or sets, each named once (constants: inlined, never loaded). */
public final class HeaderNames {
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    public static final String EXPOSE_HEADERS = "Access-Control-Expose-Headers";
    /**
     * A request header of {@code POST /pwausers}: the client's key for a submission and all its retries, at most one
     * entry stored and one answer for all of them ({@link IdempotencyKeys} has its rules).
     */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** 201: where the new entry is, {@code /pwausers/{id}}. */
    public static final String LOCATION = "Location";
    /** 405: the methods the resource takes. */
    public static final String ALLOW = "Allow";
    /** 409 and 503: seconds to wait before a retry. */
    public static final String RETRY_AFTER = "Retry-After";
    /** 201: {@code true} when the answer replays a completed request with the same Idempotency-Key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    /** Every answer on an entry: {@code no-store}, one person's data is never kept by a cache. */
    public static final String CACHE_CONTROL = "Cache-Control";

    private HeaderNames() {
    }
}
