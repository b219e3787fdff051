package pwausers.local.http;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A local server's error handler: Jetty's own answers (a malformed request 400, a URI too long 414, headers too large
 * 431, a failure 500) in the JSON shape of the AWS API the server plays, with a request id, instead of Jetty's HTML
 * page. Each API writes its own shape ({@link Answer}); what Jetty's error is, and the request id, are settled here.
 */
public final class JsonErrorHandler implements Request.Handler {
    /** The header of the request id that every answer of API Gateway and Lambda carries. */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    /** Writes an API's own error answer; {@code reason} is the status's standard reason phrase. */
    @FunctionalInterface
    public interface Answer {
        void write(Response response, Callback callback, int status, String reason);
    }

    private final Answer answer;

    public JsonErrorHandler(Answer answer) {
        this.answer = answer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
        }
        if (status < 400) { // not an error: Jetty's answer to OPTIONS on a file, say, with its Allow header
            callback.succeeded();
            return true;
        }
        if (status > 599) {
            status = 500;
        }
        if (!response.getHeaders().contains(REQUEST_ID_HEADER)) {
            response.getHeaders().put(REQUEST_ID_HEADER, RequestIds.next());
        }
        answer.write(response, callback, status, HttpStatus.getMessage(status));
        return true;
    }
}
