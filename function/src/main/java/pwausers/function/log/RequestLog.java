package pwausers.function.log;

import pwausers.function.api.HttpRequest;
import pwausers.function.domain.InvalidInputException;
import pwausers.function.json.Json;
import pwausers.function.domain.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One structured JSON line per request: request id, method, path, status, latency and, on failure, the error's
 * class, the class of its root cause and the AWS error code. Never the body or the names: they are personal data.
 * Only the messages of the function's own exceptions are logged, because only those are known to hold none.
 */
public final class RequestLog {
    private static final int MAX_PATH_CHARS = 200;

    private RequestLog() {
    }

    public static String line(String requestId, HttpRequest request, int status, long latencyNanos, Throwable failure) {
        Json.ObjectWriter json = Json.object();
        json.field("level", status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO");
        json.field("event", "request");
        json.field("requestId", requestId);
        if (request != null) {
            json.field("format", request.format().name());
            json.field("method", request.method());
            String path = request.path();
            json.field("path", path.length() > MAX_PATH_CHARS ? path.substring(0, MAX_PATH_CHARS) : path);
        }
        json.field("status", status);
        json.field("latencyMs", Math.round(latencyNanos / 1_000.0) / 1_000.0);
        if (failure != null) {
            json.field("errorClass", failure.getClass().getName());
            if (failure instanceof StoreException || failure instanceof InvalidInputException
                    || failure.getClass().getPackageName().startsWith("pwausers.")) {
                json.field("error", failure.getMessage());
            }
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
                if (root instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
                    json.field("awsErrorCode", aws.awsErrorDetails().errorCode());
                }
            }
            if (root != failure) {
                json.field("rootCause", root.getClass().getName());
            }
        }
        return json.text();
    }
}
