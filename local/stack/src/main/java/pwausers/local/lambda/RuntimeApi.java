package pwausers.local.lambda;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Lambda's Runtime API, which a function's runtime calls from inside its execution environment
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html): {@code GET /2018-06-01/runtime/invocation/next}
 * (the next event, held until there is one), {@code POST .../invocation/{id}/response} and {@code .../error},
 * {@code POST .../init/error}, and SnapStart's {@code GET .../restore/next} and {@code POST .../restore/error}.
 *
 * <p>One server on 127.0.0.1 for all the environments of the local stack: each environment's runtime is given the
 * address with a path of its own ({@code AWS_LAMBDA_RUNTIME_API=127.0.0.1:PORT/ENV}), which Lambda's runtime client
 * puts in front of every path it calls, so that a call names its environment.
 */
final class RuntimeApi implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile(
            "^/([^/]+)/2018-06-01/runtime/(invocation/next|invocation/([^/]+)/(response|error)|init/error|restore/next|restore/error)$");
    private static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    /** What an environment does with its runtime's calls. */
    interface Environment {
        /** The function it runs: its ARN goes with each event. */
        String functionName();

        /** The next event for the runtime, when there is one; null when the environment is stopping. */
        Invocation next() throws InterruptedException;

        /** Whether the invocation was this environment's, in flight. */
        boolean response(String requestId, byte[] response);

        boolean error(String requestId, byte[] error, String errorType);

        void initError(byte[] error, String errorType);

        /** SnapStart: the runtime ran the beforeCheckpoint hooks; this is the snapshot's moment. */
        void restoreNext();

        void restoreError(byte[] error, String errorType);
    }

    private final Map<String, Environment> environments = new ConcurrentHashMap<>();
    private final Server server;

    RuntimeApi(String functionName) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 2);
        threads.setName("runtime-api-" + functionName);
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Runtime API of " + functionName + ": " + e, e);
        }
    }

    /** The address an environment's runtime is given in AWS_LAMBDA_RUNTIME_API. */
    String address(String environmentId) {
        return "127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/" + environmentId;
    }

    void register(String environmentId, Environment environment) {
        environments.put(environmentId, environment);
    }

    void unregister(String environmentId) {
        environments.remove(environmentId);
    }

    private void serve(Request request, Response response, Callback callback) throws Exception {
        Matcher call = PATH.matcher(Request.getPathInContext(request));
        Environment environment = call.matches() ? environments.get(call.group(1)) : null;
        if (environment == null) {
            answer(response, callback, 404, "{\"errorMessage\":\"no such environment or call\",\"errorType\":\"NotFound\"}");
            return;
        }
        String what = call.group(2);
        String method = request.getMethod();
        if (what.equals("invocation/next") && method.equals("GET")) {
            Invocation next = environment.next();
            if (next == null) {
                answer(response, callback, 500, "{\"errorMessage\":\"the environment is stopping\",\"errorType\":\"Stopping\"}");
                return;
            }
            response.setStatus(200);
            response.getHeaders().put("Lambda-Runtime-Aws-Request-Id", next.requestId);
            response.getHeaders().put("Lambda-Runtime-Deadline-Ms", Long.toString(next.deadlineMillis()));
            response.getHeaders().put("Lambda-Runtime-Invoked-Function-Arn", FunctionEnvironment.functionArn(
                    environment.functionName()));
            response.getHeaders().put("Lambda-Runtime-Trace-Id", traceId(next.requestId));
            response.getHeaders().put("Content-Type", "application/json");
            response.write(true, ByteBuffer.wrap(next.event), callback);
            return;
        }
        if (what.equals("restore/next") && method.equals("GET")) {
            environment.restoreNext();
            answer(response, callback, 200, "");
            return;
        }
        if (!method.equals("POST")) {
            answer(response, callback, 405, "{\"errorMessage\":\"method not allowed\",\"errorType\":\"MethodNotAllowed\"}");
            return;
        }
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        String errorType = request.getHeaders().get(ERROR_TYPE);
        boolean known = switch (what) {
            case "init/error" -> {
                environment.initError(body, errorType);
                yield true;
            }
            case "restore/error" -> {
                environment.restoreError(body, errorType);
                yield true;
            }
            default -> call.group(4).equals("response") ? environment.response(call.group(3), body)
                    : environment.error(call.group(3), body, errorType);
        };
        if (known) {
            answer(response, callback, 202, "{\"status\":\"OK\"}");
        } else { // Lambda's answer to a response for an invocation that is not the one in flight
            answer(response, callback, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        }
    }

    /** An X-Ray trace header as Lambda gives one (nothing traces it here). */
    private static String traceId(String requestId) {
        String hex = requestId.replace("-", "");
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.substring(0, 24)
                + ";Parent=" + hex.substring(16, 32) + ";Sampled=0";
    }

    private static void answer(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // its callers, the environments' processes, are gone
        }
    }
}
