package pwausers.local.gateway;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import pwausers.local.http.JsonErrorHandler;
import pwausers.local.http.RequestIds;
import pwausers.local.lambda.FunctionRunner;
import pwausers.local.template.LocalApi;

/**
 * The REST API of template.yaml, on this machine: each request to a route becomes the REST proxy event API Gateway
 * would send, the function runs it (in its execution environments, {@link FunctionRunner}), and its answer is
 * mapped back. CORS preflight is answered as
 * SAM's generated OPTIONS method answers it; a path or method the template does not route, API Gateway's own 403;
 * a failed function, its 502; an event over Lambda's payload limit, which Lambda refuses before the function runs,
 * its 500, as for an invocation Lambda throttles (API Gateway's proxy integration turns Lambda's 429 into its own
 * 500: https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html). Each of those failures is
 * written to the console, in the manner of API Gateway's execution log. Each
 * method is throttled as the stage's MethodSettings say (a token bucket per method, {@link TokenBucket}): beyond its
 * rate and burst, API Gateway's {@code 429 {"message":"Too Many Requests"}}, before the body is read. Requests
 * that match no route are passed on (to the web app's files), so the caller puts {@link #missingRoute()} last, and
 * makes {@link #errorHandler()} the server's error handler.
 *
 * <p>Bodies are read as they arrive, with no thread held meanwhile, within API Gateway's 10 MB, a deadline and a
 * budget of memory ({@link RequestBodies}); every answer the gateway makes itself, Jetty's own errors included, is
 * in API Gateway's shape: {@code {"message": ...}}, a request id, the template's gateway response headers
 * ({@link GatewayAnswers}).
 */
public final class RestApiGateway extends Handler.Abstract {
    static final int MAX_BODY_BYTES = RequestBodies.MAX_BODY_BYTES;
    static final String REQUEST_ID_HEADER = JsonErrorHandler.REQUEST_ID_HEADER;
    private static final String TOO_MANY_REQUESTS = "Too Many Requests";
    /**
     * API Gateway's integration timeout for a REST API (its default, and the most an edge-optimized API may have):
     * with no answer from the integration by then, API Gateway answers 504
     * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). A request's wait for an execution
     * environment counts against it, the function's run too.
     */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(29);
    /** The answer to a request in flight when up stopped and its grace ran out: the function may have stored it. */
    static final String STOPPING = "The local stack stopped before the function answered: the entry may or may"
            + " not have been stored; retry with the same Idempotency-Key once it is back";

    private final LocalApi api;
    private final Map<String, FunctionRunner> functions;
    private final RequestBodies bodies;
    private final GatewayAnswers answers;
    private final List<Resource> resources;
    /** The throttled methods' buckets, by {@link #methodKey}: each route's, and each path's preflight (OPTIONS). */
    private final Map<String, TokenBucket> throttles;
    private final PrintStream console;
    private final Observer observer;

    /** A route, with the resource id its events carry. */
    private record Resource(LocalApi.Route route, String id) {
    }

    /**
     * What API Gateway's own metrics count of each request the API answers, for {@code up}'s metrics: its method, the
     * resource (the route's path template; null for a path or method no route serves), the status, the latency (from
     * the request's arrival to its answer's end) and the integration latency (the function's call; -1 without one).
     * Called on the server's threads: it must not block.
     */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        default void answered(String method, String resource, int status, long latencyNanos,
                              long integrationLatencyNanos) {
        }
    }

    /** A request's times, for the {@link Observer}. */
    private static final class Metering {
        final long start = System.nanoTime();
        volatile long integrationNanos = -1;
    }

    /**
     * What every request body is given to arrive, whatever its length (and 1 s more per MiB), before it gets 408: API
     * Gateway's own bound is not published (docs/architecture.md).
     */
    public static final Duration BODY_GRACE = Duration.ofSeconds(10);

    /** @param console where the gateway says why it answered 500 or 502 (the function logs its own errors there) */
    public RestApiGateway(LocalApi api, Map<String, FunctionRunner> functions, PrintStream console) {
        this(api, functions, console, Observer.NONE);
    }

    /** As above; the observer sees each request the API answers. */
    public RestApiGateway(LocalApi api, Map<String, FunctionRunner> functions, PrintStream console, Observer observer) {
        this(api, functions, console, observer, BODY_GRACE);
    }

    /** As above, with another grace for a body than {@link #BODY_GRACE} (a test of the 408 need not wait 10 s). */
    public RestApiGateway(LocalApi api, Map<String, FunctionRunner> functions, PrintStream console, Observer observer,
                          Duration bodyGrace) {
        this(api, functions, console, RequestBodies.Limits.forThisJvm(bodyGrace), observer);
    }

    RestApiGateway(LocalApi api, Map<String, FunctionRunner> functions, PrintStream console,
                   RequestBodies.Limits limits) {
        this(api, functions, console, limits, Observer.NONE);
    }

    private RestApiGateway(LocalApi api, Map<String, FunctionRunner> functions, PrintStream console,
                           RequestBodies.Limits limits, Observer observer) {
        this.api = api;
        this.functions = functions;
        this.console = console;
        this.observer = observer;
        this.bodies = new RequestBodies(limits);
        this.answers = new GatewayAnswers(api);
        List<Resource> list = new ArrayList<>();
        Map<String, TokenBucket> buckets = new HashMap<>();
        for (LocalApi.Route route : api.routes()) {
            list.add(new Resource(route, Integer.toHexString(route.path().hashCode())));
            for (String method : api.cors() != null ? List.of(route.method(), "OPTIONS") : List.of(route.method())) {
                LocalApi.Throttle throttle = api.throttle(route.path(), method);
                if (throttle != null) {
                    buckets.putIfAbsent(methodKey(method, route.path()),
                            new TokenBucket(throttle.rate(), throttle.burst(), System::nanoTime));
                }
            }
        }
        this.resources = List.copyOf(list);
        this.throttles = Map.copyOf(buckets);
    }

    private static String methodKey(String method, String path) {
        return method + " " + path;
    }

    @Override
    public boolean handle(Request request, Response response, Callback answered) {
        String path = request.getHttpURI().getPath(); // as sent, percent-encoded: what API Gateway routes and passes on
        String method = request.getMethod();
        Resource matched = null;
        Map<String, String> pathParameters = null;
        String resourcePath = null; // the path template of the first route on this path
        boolean declaresOptions = false;
        for (Resource resource : resources) {
            Map<String, String> parameters = resource.route().match(path);
            if (parameters == null) {
                continue;
            }
            if (resourcePath == null) {
                resourcePath = resource.route().path();
            }
            declaresOptions |= resource.route().method().equals("OPTIONS");
            if (matched == null && resource.route().matchesMethod(method)) {
                matched = resource;
                pathParameters = parameters;
            }
        }
        if (resourcePath == null) {
            return false;
        }
        Metering metering = new Metering();
        String requestId = RequestIds.next();
        response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        response.getHeaders().put("x-amz-apigw-id", requestId.substring(0, 8) + "AAA=");
        boolean preflight = method.equals("OPTIONS") && api.cors() != null && !declaresOptions;
        Callback callback = metered(answered, response, method,
                preflight ? resourcePath : matched != null ? matched.route().path() : null, metering);
        TokenBucket throttle = preflight ? throttles.get(methodKey("OPTIONS", resourcePath))
                : matched != null ? throttles.get(methodKey(matched.route().method(), matched.route().path())) : null;
        if (throttle != null && !throttle.tryTake()) {
            // the body is read and dropped, the connection kept: a throttled client may well try again on it
            bodies.discard(request, then(request, response, callback,
                    body -> answers.gatewayAnswer(response, callback, 429, TOO_MANY_REQUESTS, null, "THROTTLED")));
        } else if (preflight) {
            bodies.discard(request, then(request, response, callback, body -> answers.preflight(response, callback)));
        } else if (matched == null) {
            bodies.discard(request, then(request, response, callback,
                    body -> answers.missingAuthenticationToken(response, callback)));
        } else {
            Resource resource = matched;
            Map<String, String> parameters = pathParameters;
            bodies.read(request, then(request, response, callback, body -> invoke(request, response,
                    Callback.from(callback, body::release), resource, parameters, requestId, body, metering)));
        }
        return true;
    }

    /**
     * Runs the function on the event of this request and maps its answer back: 502 when it has none to give (it
     * failed, or its answer is not a proxy response), 500 when Lambda would refuse the event as too large.
     */
    private void invoke(Request request, Response response, Callback callback, Resource resource,
                        Map<String, String> pathParameters, String requestId, RequestBodies.Body body,
                        Metering metering) {
        try {
            byte[] event = body.length() > FunctionRunner.MAX_PAYLOAD_BYTES ? null // its event is larger still
                    : RestApiEvents.event(request, api.stageName(), resource.route(), pathParameters, requestId,
                            resource.id(), body.bytes(), body.length());
            if (event == null || event.length > FunctionRunner.MAX_PAYLOAD_BYTES) {
                body.release();
                executionFailed(requestId, "Lambda invocation failed with status: 413: Request must be smaller than "
                        + FunctionRunner.MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
                answers.internalError(response, callback, 500);
                return;
            }
            FunctionRunner function = functions.get(resource.route().functionName());
            // the wait for an environment ends in time for the function's whole Timeout within the integration's, so
            // that every answer comes within INTEGRATION_TIMEOUT (unless the Timeout alone is longer)
            Duration timeout = Duration.ofSeconds(function.function().timeoutSeconds());
            Duration maxWait = timeout.compareTo(INTEGRATION_TIMEOUT) < 0 ? INTEGRATION_TIMEOUT.minus(timeout)
                    : INTEGRATION_TIMEOUT;
            long integration = System.nanoTime();
            FunctionRunner.Result result = function.invoke(event, maxWait);
            body.release(); // before the answer is written: a client that has read it finds the budget free
            metering.integrationNanos = System.nanoTime() - integration;
            boolean late = metering.integrationNanos > INTEGRATION_TIMEOUT.toNanos();
            if (result.kind() == FunctionRunner.Kind.THROTTLED) {
                // Lambda refused the invocation (429): API Gateway's proxy integration answers it as its own 500
                executionFailed(requestId, "Lambda invocation failed with status: 429 (TooManyRequestsException:"
                        + " the function's concurrency is used up)");
                answers.internalError(response, callback, 500);
                return;
            }
            if (result.kind() == FunctionRunner.Kind.NOT_RUN || late && result.kind() != FunctionRunner.Kind.STOPPED) {
                // answered as API Gateway answers an integration that did not answer in time (it would have answered
                // at INTEGRATION_TIMEOUT, the function running on; this answer comes once the function is done)
                executionFailed(requestId, "Execution failed due to a timeout error: " + (late
                        ? "the function did not answer within API Gateway's " + INTEGRATION_TIMEOUT.toSeconds() + " s"
                        : "the request waited for a free execution environment of the function (./pwa-users up runs"
                        + " a few at once) until too little of API Gateway's " + INTEGRATION_TIMEOUT.toSeconds()
                        + " s was left for its Timeout"));
                answers.gatewayAnswer(response, callback, 504, "Endpoint request timed out", "IntegrationTimeout",
                        "INTEGRATION_TIMEOUT");
                return;
            }
            if (result.kind() == FunctionRunner.Kind.STOPPED) {
                executionFailed(requestId, "./pwa-users up stopped before the function answered");
                answers.gatewayAnswer(response, callback, 503, STOPPING, null, null);
                return;
            }
            RestApiEvents.ProxyAnswer answer = result.failed() ? null : RestApiEvents.answer(result.output());
            byte[] bytes = answer == null ? null : bodyOf(answer);
            if (bytes == null) {
                executionFailed(requestId, !result.failed()
                        ? "Execution failed due to configuration error: Malformed Lambda proxy response"
                        : result.timedOut() ? "Lambda execution failed: the function timed out"
                        : "Lambda execution failed due to customer function error: " + result.errorType());
                answers.internalError(response, callback, 502);
                return;
            }
            GatewayAnswers.respond(response, callback, answer, bytes);
        } catch (RuntimeException | Error e) {
            callback.failed(e); // Jetty answers 500 through errorHandler()
        }
    }

    /**
     * Why a request failed, as API Gateway's execution log would say it, beside the request's access log line; never
     * the request's body or the function's answer (personal data). The function's own error is in its log.
     */
    private void executionFailed(String requestId, String reason) {
        console.println(AccessLog.time() + " api    " + reason + "  " + requestId);
    }

    private static byte[] bodyOf(RestApiEvents.ProxyAnswer answer) {
        try {
            return answer.bodyBytes();
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** The bytes that the bodies of the requests in flight hold now (for the tests). */
    long bodyBytesInFlight() {
        return bodies.inFlightBytes();
    }

    /** What follows a body's read: next with the body, the refusal's answer, or the failed connection's end. */
    private RequestBodies.Reader then(Request request, Response response, Callback callback,
                                      Consumer<RequestBodies.Body> next) {
        return new RequestBodies.Reader() {
            @Override
            public void body(RequestBodies.Body body) {
                next.accept(body);
            }

            @Override
            public void refused(RequestBodies.Refusal refusal) {
                answers.refuse(request, response, callback, refusal);
            }

            @Override
            public void failed(Throwable failure) {
                callback.failed(failure);
            }
        };
    }

    /**
     * The callback that tells the observer of the request's answer once it is sent (a failure is Jetty's 500, unless
     * an answer was already on its way).
     */
    private Callback metered(Callback callback, Response response, String method, String resource, Metering metering) {
        if (observer == Observer.NONE) {
            return callback;
        }
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                answered(response.getStatus());
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                answered(response.isCommitted() ? response.getStatus() : 500);
                super.failed(failure);
            }

            private void answered(int status) {
                observer.answered(method, resource, status, System.nanoTime() - metering.start,
                        metering.integrationNanos);
            }
        };
    }

    /** The last handler: what API Gateway answers for a path no route serves. */
    public Handler missingRoute() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback answered) {
                Callback callback = metered(answered, response, request.getMethod(), null, new Metering());
                response.getHeaders().put(REQUEST_ID_HEADER, RequestIds.next());
                bodies.discard(request, then(request, response, callback,
                    body -> answers.missingAuthenticationToken(response, callback)));
                return true;
            }
        };
    }

    /**
     * The server's error handler: Jetty's own answers (a malformed request 400, a URI too long 414, headers too large
     * 431, a failure 500) in API Gateway's shape, with a request id and the template's gateway response headers,
     * instead of an HTML page.
     */
    public Request.Handler errorHandler() {
        return new JsonErrorHandler((response, callback, status, reason) -> answers.gatewayAnswer(response, callback,
                status, status >= 500 ? GatewayAnswers.INTERNAL_ERROR : reason, null, null));
    }
}
