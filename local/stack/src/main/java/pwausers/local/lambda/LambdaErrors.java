package pwausers.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON Lambda writes for a call that failed, and for its Invoke API's own errors. */
public final class LambdaErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaErrors() {
    }

    /** What Lambda answers for a function that outlived its Timeout. */
    public static String timedOut(int timeoutSeconds) {
        return json(Map.of("errorMessage", timeoutMessage(timeoutSeconds)));
    }

    /**
     * What a failed call returns: the runtime's error as it posted it (the function's exception, its init error), or
     * Lambda's own for a timeout.
     */
    public static String of(FunctionRunner.Result result, int timeoutSeconds) {
        if (result.timedOut() || result.error() == null) {
            return timedOut(timeoutSeconds);
        }
        return new String(result.error(), StandardCharsets.UTF_8);
    }

    /** An error Lambda itself reports for an invocation (the runtime exited, say): its message and type. */
    static String platformError(String message, String errorType) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorMessage", message);
        error.put("errorType", errorType);
        return json(error);
    }

    /** The line Lambda logs for a call that outlived its Timeout. */
    static String timedOutLogLine(String requestId, int timeoutSeconds) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "ERROR");
        line.put("requestId", requestId);
        line.put("message", timeoutMessage(timeoutSeconds));
        return json(line);
    }

    /** The {@code errorType} of an error the runtime posted, or null. */
    static String errorType(byte[] error) {
        return field(error, "errorType");
    }

    /** The {@code errorMessage} of an error the runtime posted, or the error itself if it has none. */
    static String errorMessage(byte[] error) {
        String message = field(error, "errorMessage");
        return message != null ? message : error == null ? "" : new String(error, StandardCharsets.UTF_8);
    }

    private static String field(byte[] error, String name) {
        if (error == null) {
            return null;
        }
        try {
            JsonNode value = JSON.readTree(error).get(name);
            return value != null && value.isTextual() ? value.asText() : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
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

    /**
     * Lambda's 429 for an invocation beyond the function's reserved concurrency, or beyond what the local stack
     * runs at once (the account's concurrency, on AWS): {@code {"Reason": ..., "Type": "User", "message": "Rate
     * Exceeded."}}.
     */
    static String throttled(boolean reserved) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("Reason", reserved ? "ReservedFunctionConcurrentInvocationLimitExceeded"
                : "ConcurrentInvocationLimitExceeded");
        error.put("Type", "User");
        error.put("message", "Rate Exceeded.");
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
