package pwausers.function.log;

import java.nio.charset.StandardCharsets;
import pwausers.function.api.HttpRequest;
import pwausers.function.domain.InvalidInputException;
import pwausers.function.store.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

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
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("level").writeValue(status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO");
        json.writeFieldName("event").writeValue("request");
        json.writeFieldName("requestId").writeValue(requestId);
        if (request != null) {
            json.writeFieldName("format").writeValue(request.format().name());
            json.writeFieldName("method").writeValue(request.method());
            String path = request.path();
            json.writeFieldName("path").writeValue(path.length() > MAX_PATH_CHARS ? path.substring(0, MAX_PATH_CHARS) : path);
        }
        json.writeFieldName("status").writeValue(status);
        json.writeFieldName("latencyMs").writeValue(Math.round(latencyNanos / 1_000.0) / 1_000.0);
        if (failure != null) {
            json.writeFieldName("errorClass").writeValue(failure.getClass().getName());
            if (failure instanceof StoreException || failure instanceof InvalidInputException
                    || failure.getClass().getPackageName().startsWith("pwausers.")) {
                json.writeFieldName("error").writeValue(failure.getMessage());
            }
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
                if (root instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
                    json.writeFieldName("awsErrorCode").writeValue(aws.awsErrorDetails().errorCode());
                }
            }
            if (root != failure) {
                json.writeFieldName("rootCause").writeValue(root.getClass().getName());
            }
        }
        return new String(json.writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }
}
