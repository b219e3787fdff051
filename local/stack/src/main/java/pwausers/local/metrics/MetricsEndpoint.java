package pwausers.local.metrics;

import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import pwausers.local.lambda.LambdaInvokeApi;

/**
 * {@code GET /metrics} on the Invoke API's port: {@link LocalMetrics#json()}. That port is {@code up}'s own (Lambda's
 * API has no such path), so the API's port stays API Gateway's alone, where an unknown path is its 403. As the
 * Invoke API, it answers no web page ({@link LambdaInvokeApi#fromABrowser}): such a request, and any other, is left to
 * the handler after it.
 */
public final class MetricsEndpoint extends Handler.Abstract {
    public static final String PATH = "/metrics";

    private final LocalMetrics metrics;

    public MetricsEndpoint(LocalMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request)) || !request.getMethod().equals("GET")
                || LambdaInvokeApi.fromABrowser(request)) {
            return false;
        }
        response.setStatus(200);
        response.getHeaders().put("Content-Type", "application/json");
        response.getHeaders().put("Cache-Control", "no-store");
        response.write(true, ByteBuffer.wrap(metrics.json()), callback);
        return true;
    }
}
