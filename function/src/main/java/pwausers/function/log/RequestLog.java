package pwausers.function.log;

import pwausers.function.api.HttpRequest;
import pwausers.function.domain.InvalidInputException;
import pwausers.function.json.Json;
import pwausers.function.domain.StoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One structured JSON line per request: request id, method, path, status, latency and, on failure, the error's
 * class, the class of its root cause and the AWS error code. Never the body or the names: they are personal data.
 * Only the messages of the function's own exceptions are logged, because only those are known to hold none. Never
 * a whole id either: it is a capability (whoever has it may read and delete the entry), so the path keeps only
 * its first characters.
 */
public final class RequestLog {
    private static final int MAX_PATH_CHARS = 200;
    /** Characters of an id that a log line keeps: enough to tell entries apart, far too few to use one. */
    public static final int ID_PREFIX_CHARS = 6;
    /** A path segment at least this long, with no dot, may be an id (they have 22 characters; file names a dot). */
    private static final int ID_LIKE_CHARS = 16;

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
            json.field("path", loggedPath(request.path()));
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

    /**
     * A path as logs may show it: every segment that may be an id ({@value #ID_LIKE_CHARS} characters or more, no
     * dot) cut to its first {@value #ID_PREFIX_CHARS} and {@code ...}, then at most 200 characters in all.
     */
    public static String loggedPath(String path) {
        StringBuilder logged = new StringBuilder(Math.min(path.length(), MAX_PATH_CHARS + 3));
        int start = 0;
        while (start <= path.length() && logged.length() < MAX_PATH_CHARS) {
            int end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            String segment = path.substring(start, end);
            boolean idLike = segment.length() >= ID_LIKE_CHARS && segment.indexOf('.') < 0;
            logged.append(idLike ? segment.substring(0, ID_PREFIX_CHARS) + "..." : segment);
            if (end < path.length()) {
                logged.append('/');
            }
            start = end + 1;
        }
        return logged.length() > MAX_PATH_CHARS ? logged.substring(0, MAX_PATH_CHARS) : logged.toString();
    }
}
