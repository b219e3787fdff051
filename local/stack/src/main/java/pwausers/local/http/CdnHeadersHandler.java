package pwausers.local.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import pwausers.local.template.CdnResponseHeaders;

/**
 * Adds to every answer of the handler it wraps the headers CloudFront adds on its path ({@link CdnResponseHeaders}),
 * as the answer is committed: after the handler set its own, so that a policy's Override decides between the two,
 * as it does on CloudFront.
 */
public final class CdnHeadersHandler extends Handler.Wrapper {
    private final CdnResponseHeaders cdn;

    public CdnHeadersHandler(CdnResponseHeaders cdn, Handler handler) {
        super(handler);
        this.cdn = cdn;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        CdnResponseHeaders.Policy policy = cdn.forPath(request.getHttpURI().getPath());
        if (policy.headers().isEmpty() && policy.removed().isEmpty()) {
            return super.handle(request, response, callback);
        }
        PolicyResponse withHeaders = new PolicyResponse(request, response, policy);
        return super.handle(request, withHeaders, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                withHeaders.apply();
                super.succeeded();
            }
        });
    }

    /** Applies one policy to headers: removes what it removes, then adds each header as its Override says. */
    static void apply(CdnResponseHeaders.Policy policy, HttpFields.Mutable headers) {
        policy.removed().forEach(headers::remove);
        for (CdnResponseHeaders.Header header : policy.headers()) {
            if (header.override() || !headers.contains(header.name())) {
                headers.put(header.name(), header.value());
            }
        }
    }

    /** The response, with the policy's headers applied once, before its first byte (or its end, when it has none). */
    private static final class PolicyResponse extends Response.Wrapper {
        private final CdnResponseHeaders.Policy policy;
        private boolean applied;

        PolicyResponse(Request request, Response response, CdnResponseHeaders.Policy policy) {
            super(request, response);
            this.policy = policy;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            apply();
            super.write(last, content, callback);
        }

        synchronized void apply() {
            if (!applied && !isCommitted()) {
                applied = true;
                CdnHeadersHandler.apply(policy, getHeaders());
            }
        }
    }
}
