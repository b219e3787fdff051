package pwausers.local.gateway;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import pwausers.function.log.RequestLog;

/**
 * One console line per request: time, method, path, status, duration and the request id. Never a body, nor a whole
 * entry's id (a capability): the path is shown as the function's own log shows it, as sent (percent-encoded), so
 * that no control or bidi character a client encoded reaches the terminal.
 */
public final class AccessLog extends Handler.Wrapper {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final String name;
    private final PrintStream console;

    public AccessLog(String name, Handler handler, PrintStream console) {
        super(handler);
        this.name = name;
        this.console = console;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        return super.handle(request, response, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                line(request, response, start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                line(request, response, start);
                super.failed(failure);
            }
        });
    }

    private void line(Request request, Response response, long start) {
        String requestId = response.getHeaders().get(RestApiGateway.REQUEST_ID_HEADER);
        console.printf("%s %-6s %-6s %-28s %d %6.1f ms%s%n", LocalTime.now().format(TIME), name, request.getMethod(),
                RequestLog.loggedPath(request.getHttpURI().getPath()),
                response.getStatus(), (System.nanoTime() - start) / 1e6,
                requestId == null ? "" : "  " + requestId);
    }
}
