package pwausers.function.api;

/** The function was invoked with something that is not an API Gateway or Function URL HTTP event. */
public final class InvalidEventException extends RuntimeException {
    InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
