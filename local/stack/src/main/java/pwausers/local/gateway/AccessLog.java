package pwausers.local.gateway;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import pwausers.function.contract.LoggedPath;

/**
 * One console line per request: time, method, path, status, duration and the request id. Never a body, nor a whole
 * entry's id (a capability): the path is shown as the function's own log shows it, as sent (percent-encoded), so
 * that no control or bidi character a client encoded reaches the terminal.
 *
 * <p>Each line is built whole and printed in one call: a formatted print (printf) costs a quarter of the gateway's
 * own CPU per request, in many small writes to the console.
 */
public final class AccessLog extends Handler.Wrapper {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static volatile Clock lastTime = new Clock(-1, "");
    private final String name;
    private final PrintStream console;

    /** The time of day, formatted once a second. */
    private record Clock(long second, String text) {
    }

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
        long tenthsOfMs = (System.nanoTime() - start) / 100_000;
        String duration = (tenthsOfMs / 10) + "." + (tenthsOfMs % 10);
        StringBuilder line = new StringBuilder(100).append(time()).append(' ');
        column(line, name, 6);
        column(line, request.getMethod(), 6);
        column(line, LoggedPath.of(request.getHttpURI().getPath()), 28);
        column(line, Integer.toString(response.getStatus()), 0);
        line.append(" ".repeat(Math.max(0, 6 - duration.length()))).append(duration).append(" ms");
        if (requestId != null) {
            line.append("  ").append(requestId);
        }
        console.println(line);
    }

    /** The text, padded with spaces to the width, then one space. */
    private static void column(StringBuilder line, String text, int width) {
        line.append(text).append(" ".repeat(Math.max(0, width - text.length()))).append(' ');
    }

    /** The time of day, as the lines of the console show it. */
    static String time() {
        long second = System.currentTimeMillis() / 1000;
        Clock clock = lastTime;
        if (clock.second() != second) {
            clock = new Clock(second, LocalTime.now().format(TIME.withLocale(Locale.ROOT)));
            lastTime = clock;
        }
        return clock.text();
    }
}
