package pwausers.local.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A local server's error handler: Jetty's own answers (a malformed request 400, a URI too long 414, headers too large
 * 431, a failure 500) in the JSON shape of the AWS API the server plays, with a request id, instead of Jetty's HTML
 * page. Each API writes its own shape ({@link Answer}); what Jetty's error is, and the request id, are settled here.
 *
 * <p>The answer is written as not last, with its Content-Length, and Jetty ends it once the callback succeeds. Written
 * last, Jetty 12.1.14 marks it sent before it calls the callback, and when the request was failed while its handling
 * was still under way (a path Jetty refuses, a handler that fails at once), it may recycle the request in between: the
 * late callback then throws "channel already completed", and Jetty fails whatever request the connection serves next
 * with a 500 (JsonErrorHandlerTest).
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
        answer.write(new EndedByJetty(request, response), callback, status, HttpStatus.getMessage(status));
        return true;
    }

    /** The error response, its last write made a write of the whole body that leaves the end to Jetty. */
    private static final class EndedByJetty extends Response.Wrapper {
        EndedByJetty(Request request, Response response) {
            super(request, response);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            if (last && !isCommitted()) {
                getHeaders().put(HttpHeader.CONTENT_LENGTH, content == null ? 0 : content.remaining());
            }
            super.write(false, content, callback);
        }
    }
}
