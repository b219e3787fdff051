package pwausers.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pwausers.local.testing.RawAnswer;
import pwausers.local.testing.RawClient;

/** Jetty's own error answers, written by a {@link JsonErrorHandler}, on a connection that goes on. */
class JsonErrorHandlerTest {
    private static final String BODY = "hello";
    private static final String POST = "POST /items HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + BODY.length()
            + "\r\n\r\n";
    /** A path Jetty refuses (an ambiguous empty segment) before any handler runs: its 400 is the error handler's. */
    private static final String REFUSED_BY_JETTY = "GET /items// HTTP/1.1\r\nHost: localhost\r\n\r\n";
    /** A permit each time the handler has begun waiting for a body. */
    private static final Semaphore WAITING_FOR_BODY = new Semaphore(0);
    /** What Jetty's callback threw at the error handler's answer (it must not throw). */
    private static final List<Throwable> CALLBACK_FAILURES = new CopyOnWriteArrayList<>();
    private static Server server;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new BodyEcho());
        server.setErrorHandler(new JsonErrorHandler((response, callback, status, reason) -> {
            response.getHeaders().put("Content-Type", "application/json");
            response.write(true, ByteBuffer.wrap(("{\"message\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8)),
                    new Callback.Nested(callback) {
                        @Override
                        public void succeeded() {
                            try {
                                super.succeeded();
                            } catch (RuntimeException e) {
                                CALLBACK_FAILURES.add(e);
                                throw e;
                            }
                        }
                    });
        }));
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    /** Answers a POST with its body once the body has arrived, on the thread that delivers it, as the gateway does. */
    private static final class BodyEcho extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Content.Source.asStringAsync(request, StandardCharsets.UTF_8).whenComplete((body, failure) -> {
                if (failure != null) {
                    callback.failed(failure);
                    return;
                }
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            });
            WAITING_FOR_BODY.release();
            return true;
        }
    }

    @Test
    void jettysOwn400_leavesTheConnectionsNextRequestsAlone() throws Exception {
        // Each round: a body that comes after its headers (answered on the thread that reads it), then, sent with it,
        // a request Jetty answers 400 itself and the next POST's headers. Jetty 12.1.14 could recycle the 400's
        // request before it called the error answer's callback; the late callback then failed the next POST: a 500.
        try (RawClient client = RawClient.send(base, POST)) {
            for (int round = 0; round < 300; round++) {
                assertThat(WAITING_FOR_BODY.tryAcquire(10, TimeUnit.SECONDS)).as("the handler waits for the body").isTrue();
                client.write(BODY + REFUSED_BY_JETTY + POST);

                RawAnswer echoed = client.answer(Duration.ofSeconds(10));
                assertThat(echoed.status()).as("round %d: %s", round, echoed.body()).isEqualTo(200);
                assertThat(echoed.body()).isEqualTo(BODY);
                RawAnswer refused = client.answer(Duration.ofSeconds(10));
                assertThat(refused.status()).as("round %d", round).isEqualTo(400);
                assertThat(refused.body()).isEqualTo("{\"message\":\"Bad Request\"}");
                assertThat(refused.head()).containsIgnoringCase("Content-Length: ").containsIgnoringCase("x-amzn-RequestId: ");
            }
            assertThat(WAITING_FOR_BODY.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            client.write(BODY);
            assertThat(client.answer(Duration.ofSeconds(10)).status()).isEqualTo(200);
        }
        assertThat(CALLBACK_FAILURES).as("what the error answer's callback threw").isEmpty();
    }
}
