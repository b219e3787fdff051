package pwausers.function.log;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import pwausers.function.api.HttpRequest;
import pwausers.function.api.PwaUsersApi;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.LoggedPath;
import pwausers.function.contract.Metrics;
import pwausers.function.domain.IdempotencyConflictException;
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
 *
 * <p>A request's line carries the function's {@link Metrics} in CloudWatch's embedded metric format (EMF): CloudWatch
 * Logs extracts them from the line, with no API call (CloudWatch guide, <i>Specification: Embedded metric format</i>).
 * A metric rides its line, so a level that drops a line drops its metrics: INFO (the template's default) keeps all.
 */
public final class RequestLog {
    /** The EMF's members: its metadata object, and in it the time and the metric directives. */
    static final String EMF_METADATA = "_aws";
    static final String EMF_TIMESTAMP = "Timestamp";
    static final String EMF_DIRECTIVES = "CloudWatchMetrics";

    private final LogLevel threshold;
    private final String functionName;
    private final Clock clock;

    /**
     * @param threshold    the lowest level written; lines below it are dropped
     * @param functionName the FunctionName dimension of the metrics
     * @param clock        the time of the metrics ({@code _aws.Timestamp})
     */
    public RequestLog(LogLevel threshold, String functionName, Clock clock) {
        this.threshold = threshold;
        this.functionName = functionName;
        this.clock = clock;
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

    /**
     * The request's line, or null when its level is below the threshold.
     *
     * @param request    the request as read, or null when the event was not an HTTP request
     * @param storeNanos the time its store calls took, or -1 when it made none
     */
    public Line line(String requestId, HttpRequest request, PwaUsersApi.Outcome outcome, long latencyNanos,
                     long storeNanos) {
        int status = outcome.response().statusCode();
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
                .field(LoggedField.LATENCY_MS.key(), milliseconds(latencyNanos));
        Throwable failure = outcome.failure();
        if (failure != null) {
            failure(json, failure);
        }
        metrics(json, status, failure, outcome.response().headers().containsKey(HeaderNames.IDEMPOTENT_REPLAYED),
                storeNanos);
        return new Line(level, (json.text() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The request's metrics, in CloudWatch's embedded metric format: {@code _aws} holds the time and a directive for
     * each set of dimensions (FunctionName; FunctionName, Status and Field for a refusal), naming the metrics and
     * their units; the dimensions' values and the metrics' values are members of the line itself. A request that
     * counts nothing (a 500 of the function's own, before any store call) has none.
     */
    private void metrics(Json.ObjectWriter json, int status, Throwable failure, boolean replayed, long storeNanos) {
        boolean stored = status == 201 && !replayed;
        boolean conflict = failure instanceof IdempotencyConflictException;
        boolean storeFailed = status >= 500 && failure instanceof StoreException;
        boolean timed = storeNanos >= 0;
        boolean refused = status >= 400 && status < 500;
        boolean byFunction = stored || replayed || conflict || storeFailed || timed;
        if (!byFunction && !refused) {
            return;
        }
        json.object(EMF_METADATA).field(EMF_TIMESTAMP, clock.millis()).array(EMF_DIRECTIVES);
        if (byFunction) {
            directive(json).elementArray().value(Metrics.FUNCTION_NAME).endArray().endArray().array("Metrics");
            if (stored) {
                definition(json, Metrics.SUBMISSIONS_STORED, Metrics.COUNT);
            }
            if (replayed) {
                definition(json, Metrics.IDEMPOTENT_REPLAYS, Metrics.COUNT);
            }
            if (conflict) {
                definition(json, Metrics.IDEMPOTENCY_CONFLICTS, Metrics.COUNT);
            }
            if (storeFailed) {
                definition(json, Metrics.STORE_FAILURES, Metrics.COUNT);
            }
            if (timed) {
                definition(json, Metrics.STORE_LATENCY, Metrics.MILLISECONDS);
            }
            json.endArray().end();
        }
        if (refused) {
            directive(json).elementArray().value(Metrics.FUNCTION_NAME).value(Metrics.STATUS).value(Metrics.FIELD)
                    .endArray().endArray().array("Metrics");
            definition(json, Metrics.REFUSALS, Metrics.COUNT);
            json.endArray().end();
        }
        json.endArray().end();

        json.field(Metrics.FUNCTION_NAME, functionName);
        if (refused) {
            // the field's name comes from the function's code (fname, lname, Idempotency-Key), never from the request
            String field = failure instanceof InvalidInputException invalid && invalid.field() != null
                    ? invalid.field() : Metrics.NO_FIELD;
            json.field(Metrics.STATUS, Integer.toString(status)).field(Metrics.FIELD, field)
                    .field(Metrics.REFUSALS, 1);
        }
        if (stored) {
            json.field(Metrics.SUBMISSIONS_STORED, 1);
        }
        if (replayed) {
            json.field(Metrics.IDEMPOTENT_REPLAYS, 1);
        }
        if (conflict) {
            json.field(Metrics.IDEMPOTENCY_CONFLICTS, 1);
        }
        if (storeFailed) {
            json.field(Metrics.STORE_FAILURES, 1);
        }
        if (timed) {
            json.field(Metrics.STORE_LATENCY, milliseconds(storeNanos));
        }
    }

    /** Opens a metric directive in the namespace, up to its dimension sets' array. */
    private static Json.ObjectWriter directive(Json.ObjectWriter json) {
        return json.element().field("Namespace", Metrics.NAMESPACE).array("Dimensions");
    }

    private static void definition(Json.ObjectWriter json, String name, String unit) {
        json.element().field("Name", name).field("Unit", unit).end();
    }

    /** Nanoseconds as milliseconds, to the microsecond. */
    private static double milliseconds(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
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
                .field(LoggedField.LATENCY_MS.key(), milliseconds(latencyNanos))
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
