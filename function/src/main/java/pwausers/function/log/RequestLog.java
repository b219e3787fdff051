package pwausers.function.log;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import pwausers.function.api.HttpRequest;
import pwausers.function.contract.LoggedPath;
import pwausers.function.domain.InvalidInputException;
import pwausers.function.domain.StoreException;
import pwausers.function.json.Json;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One structured JSON line per request: request id, method, path, status, latency and, on failure, the error's
 * class, the class of its root cause and the AWS error code ({@link LoggedField}). Never the body or the names:
 * they are personal data. Only the messages of the function's own exceptions are logged, because only those are
 * known to hold none. Never a whole id either: it is a capability (whoever has it may read and delete the entry),
 * so the path keeps only its first characters ({@link LoggedPath}).
 *
 * <p>A line is handed to Lambda's logger as bytes with its level ({@link LambdaLogger#log(byte[], LogLevel)}): with
 * the function's {@code LogFormat: JSON}, Lambda's Java runtime passes such a message through as it is, a JSON
 * object with its level, where {@code log(String)} would wrap it as an escaped string at level UNDEFINED. Lines
 * below the function's level ({@code AWS_LAMBDA_LOG_LEVEL}, which Lambda sets from the template's
 * {@code ApplicationLogLevel}) are not even built.
 */
public final class RequestLog {
    private final LogLevel threshold;

    /** @param threshold the lowest level written; lines below it are dropped */
    public RequestLog(LogLevel threshold) {
        this.threshold = threshold;
    }

    /** A line to write: its level and its JSON text, newline-terminated, as UTF-8. */
    public record Line(LogLevel level, byte[] json) {
        /** Hands the line to Lambda's logger with its level. */
        public void writeTo(LambdaLogger logger) {
            logger.log(json, level);
        }

        public String text() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    /** The level of a request's line: ERROR for a 5xx, WARN for another 4xx, INFO otherwise. */
    public static LogLevel levelOf(int status) {
        return status >= 500 ? LogLevel.ERROR : status >= 400 ? LogLevel.WARN : LogLevel.INFO;
    }

    /** The request's line, or null when its level is below the threshold. */
    public Line line(String requestId, HttpRequest request, int status, long latencyNanos, Throwable failure) {
        LogLevel level = levelOf(status);
        if (level.ordinal() < threshold.ordinal()) {
            return null;
        }
        Json.ObjectWriter json = Json.object()
                .field(LoggedField.LEVEL.key(), level.name())
                .field(LoggedField.EVENT.key(), "request")
                .field(LoggedField.REQUEST_ID.key(), requestId);
        if (request != null) {
            json.field(LoggedField.FORMAT.key(), request.format().name())
                    .field(LoggedField.METHOD.key(), request.method())
                    .field(LoggedField.PATH.key(), LoggedPath.of(request.path()));
        }
        json.field(LoggedField.STATUS.key(), status)
                .field(LoggedField.LATENCY_MS.key(), Math.round(latencyNanos / 1_000.0) / 1_000.0);
        if (failure != null) {
            failure(json, failure);
        }
        return new Line(level, (json.text() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The line of the keep-active schedule's invocation (INFO): what it was, its request id and latency. */
    public Line keepActiveLine(String requestId, long latencyNanos) {
        if (LogLevel.INFO.ordinal() < threshold.ordinal()) {
            return null;
        }
        String json = Json.object()
                .field(LoggedField.LEVEL.key(), LogLevel.INFO.name())
                .field(LoggedField.EVENT.key(), "keep-active")
                .field(LoggedField.REQUEST_ID.key(), requestId)
                .field(LoggedField.LATENCY_MS.key(), Math.round(latencyNanos / 1_000.0) / 1_000.0)
                .text();
        return new Line(LogLevel.INFO, (json + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void failure(Json.ObjectWriter json, Throwable failure) {
        json.field(LoggedField.ERROR_CLASS.key(), failure.getClass().getName());
        if (failure instanceof StoreException || failure instanceof InvalidInputException
                || failure.getClass().getPackageName().startsWith("pwausers.")) {
            json.field(LoggedField.ERROR.key(), failure.getMessage());
        }
        String awsErrorCode = null;
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (awsErrorCode == null && root instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
                awsErrorCode = aws.awsErrorDetails().errorCode();
            }
        }
        if (awsErrorCode != null) {
            json.field(LoggedField.AWS_ERROR_CODE.key(), awsErrorCode);
        }
        if (root != failure) {
            json.field(LoggedField.ROOT_CAUSE.key(), root.getClass().getName());
        }
    }
}
