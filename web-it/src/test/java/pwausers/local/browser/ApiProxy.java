package pwausers.local.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.http.CdnHeadersHandler;
import pwausers.local.template.CdnResponseHeaders;

/**
 * An HTTP proxy in front of the stack, as CloudFront is in front of the deployed app: it adds the template's response
 * headers itself (any server that adds them must do), and it can make the API misbehave for the submissions' POSTs:
 * answer them with API Gateway's own 429 or 500, or hold them with no answer until {@link #release()}, as a hung API
 * does. Everything else passes through unchanged.
 */
final class ApiProxy implements AutoCloseable {
    /** Hop-by-hop headers and those the HTTP client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "http2-settings");
    private static final Duration HOLD_AT_MOST = Duration.ofMinutes(2);

    /** An answer the proxy gives instead of the API's. */
    record Answer(int status, String body, Map<String, String> headers) {
        /** API Gateway's throttle, with or without a Retry-After. */
        static Answer tooManyRequests(Integer retryAfterSeconds) {
            return new Answer(429, "{\"message\":\"Too Many Requests\"}", retryAfterSeconds == null ? Map.of()
                    : Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
        }

        /** API Gateway's own 500, when it could not invoke the function: no Reference of ours. */
        static Answer gatewayInternalError() {
            return new Answer(500, "{\"message\":\"Internal server error\"}", Map.of());
        }

        /** The marker of a POST held with no answer until release(). */
        static final Answer HOLD = new Answer(0, "", Map.of());
    }

    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Deque<Answer> planned = new ArrayDeque<>();
    private final Server server;
    private CountDownLatch held = new CountDownLatch(1);
    private int holding;

    /** A proxy on a free loopback port in front of the server at target (http://localhost:PORT). */
    ApiProxy(URI target) {
        this.target = target;
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        CdnResponseHeaders cdn = CdnResponseHeaders.read(SamTemplate.read(ProjectFiles.template()));
        server.setHandler(new CdnHeadersHandler(cdn, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                forward(request, response, callback);
                return true;
            }
        }));
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the proxy", e);
        }
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The next POSTs of submissions get these answers, one each (Answer.HOLD: held until release()). */
    synchronized void next(Answer... answers) {
        planned.addAll(java.util.List.of(answers));
    }

    /** The POSTs held so far get the API's answer now, as a hung API that recovers gives them. */
    synchronized void release() {
        held.countDown();
        held = new CountDownLatch(1);
    }

    /** How many POSTs are held now. */
    synchronized int holding() {
        return holding;
    }

    private synchronized Answer plannedFor(Request request) {
        boolean submission = "POST".equals(request.getMethod()) && request.getHttpURI().getPath().startsWith("/pwausers");
        return submission ? planned.poll() : null;
    }

    private void forward(Request request, Response response, Callback callback) throws IOException, InterruptedException {
        byte[] body = Request.asInputStream(request).readAllBytes();
        Answer answer = plannedFor(request);
        if (answer == Answer.HOLD) {
            CountDownLatch latch;
            synchronized (this) {
                latch = held;
                holding++;
            }
            try {
                latch.await(HOLD_AT_MOST.toSeconds(), TimeUnit.SECONDS);
            } finally {
                synchronized (this) {
                    holding--;
                }
            }
            answer = null;
        }
        if (answer != null) {
            response.setStatus(answer.status());
            response.getHeaders().put("Content-Type", "application/json");
            answer.headers().forEach(response.getHeaders()::put);
            response.write(true, ByteBuffer.wrap(answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
            return;
        }
        HttpRequest.Builder upstream = HttpRequest.newBuilder(target.resolve(request.getHttpURI().getPathQuery()))
                .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(60));
        for (HttpField field : request.getHeaders()) {
            if (!NOT_FORWARDED.contains(field.getLowerCaseName())) {
                upstream.header(field.getName(), field.getValue());
            }
        }
        HttpResponse<byte[]> answered;
        try {
            answered = client.send(upstream.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            callback.failed(e);
            return;
        }
        response.setStatus(answered.statusCode());
        answered.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> response.getHeaders().add(name, value));
            }
        });
        response.write(true, ByteBuffer.wrap(answered.body()), callback);
    }

    @Override
    public void close() {
        release();
        try {
            server.stop();
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("cannot stop the proxy", e));
        }
    }
}
