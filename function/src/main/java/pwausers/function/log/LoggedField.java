package pwausers.function.log;

/** The keys of the request log's JSON lines, each named once (as Powertools' {@code PowertoolsLoggedFields}). */
public enum LoggedField {
    /** The line's level: INFO, WARN (a 4xx) or ERROR (a 5xx); Lambda reads it from the frame as well. */
    LEVEL("level"),
    /** What the line records: {@code request}, or {@code keep-active} for the template's schedule. */
    EVENT("event"),
    REQUEST_ID("requestId"),
    /** The payload format of the event: REST_V1 or HTTP_V2. */
    FORMAT("format"),
    METHOD("method"),
    /** The request's path, at most 200 characters. */
    PATH("path"),
    STATUS("status"),
    LATENCY_MS("latencyMs"),
    /** On failure: the exception's class. */
    ERROR_CLASS("errorClass"),
    /** On failure: the message of the function's own exception (never one from elsewhere: it may quote input). */
    ERROR("error"),
    /** On a DynamoDB failure: its error code, such as ResourceNotFoundException. */
    AWS_ERROR_CODE("awsErrorCode"),
    /** On failure: the class of the innermost cause. */
    ROOT_CAUSE("rootCause");

    private final String key;

    LoggedField(String key) {
        this.key = key;
    }

    /** The key as it appears in the JSON line. */
    public String key() {
        return key;
    }
}
