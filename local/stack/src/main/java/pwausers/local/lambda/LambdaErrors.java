package pwausers.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON Lambda writes for a call that failed, and for its Invoke API's own errors. */
public final class LambdaErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaErrors() {
    }

    /** What Lambda returns for a function that threw: {@code {"errorMessage": ..., "errorType": ..., "stackTrace": [...]}}. */
    public static String unhandled(Throwable e) {
        Map<String, Object> error = new LinkedHashMap<>();
        if (e.getMessage() != null) {
            error.put("errorMessage", e.getMessage());
        }
        error.put("errorType", e.getClass().getName());
        error.put("stackTrace", Arrays.stream(e.getStackTrace()).map(StackTraceElement::toString).toList());
        return json(error);
    }

    /** What Lambda answers for a function that outlived its Timeout. */
    public static String timedOut(int timeoutSeconds) {
        return json(Map.of("errorMessage", timeoutMessage(timeoutSeconds)));
    }

    /** The line Lambda logs for a call that outlived its Timeout. */
    static String timedOutLogLine(String requestId, int timeoutSeconds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "ERROR");
        line.put("requestId", requestId);
        line.put("message", timeoutMessage(timeoutSeconds));
        return json(line);
    }

    /**
     * An error of the Invoke API itself (no such function, payload too large):
     * {@code {"Type": "User", "message": ...}}, {@code "Service"} for a 5xx.
     */
    static String invokeApiError(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("Type", status >= 500 ? "Service" : "User");
        error.put("message", message);
        return json(error);
    }

    private static String timeoutMessage(int timeoutSeconds) {
        return "Task timed out after " + timeoutSeconds + ".00 seconds";
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.keySet() + " as JSON", e); // maps of strings always can
        }
    }
}
