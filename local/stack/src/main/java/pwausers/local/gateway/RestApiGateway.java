package pwausers.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import pwausers.local.lambda.FunctionRunner;
import pwausers.local.template.LocalApi;
import pwausers.local.template.LocalValues;

/**
 * The REST API of template.yaml, on this machine: each request to a route becomes the REST proxy event API Gateway
 * would send (serialised as the Lambda Java runtime does it), the same handler runs in this process, and its answer
 * is mapped back. CORS preflight is answered as SAM's generated OPTIONS method answers it; a path or method the
 * template does not route, API Gateway's own 403; a failed function, its 502. Requests that match no route are
 * passed on (to the web app's files), so the caller puts {@link #missingRoute()} last.
 */
public final class RestApiGateway extends Handler.Abstract {
    /** API Gateway's payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final LocalApi api;
    private final Map<String, FunctionRunner> functions;

    public RestApiGateway(LocalApi api, Map<String, FunctionRunner> functions) {
        this.api = api;
        this.functions = functions;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath(); // as sent, percent-encoded: what API Gateway routes and passes on
        String method = request.getMethod();
        List<LocalApi.Route> onPath = api.routes().stream().filter(r -> r.match(path) != null).toList();
        if (onPath.isEmpty()) {
            return false;
        }
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        response.getHeaders().put("x-amz-apigw-id", requestId.substring(0, 8) + "AAA=");
        if (method.equals("OPTIONS") && api.cors() != null && onPath.stream().noneMatch(r -> r.method().equals("OPTIONS"))) {
            drain(request);
            preflight(response, callback);
            return true;
        }
        LocalApi.Route route = onPath.stream().filter(r -> r.matchesMethod(method)).findFirst().orElse(null);
        if (route == null) {
            drain(request);
            missingAuthenticationToken(response, callback);
            return true;
        }
        byte[] body;
        long declared = request.getLength();
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = declared > MAX_BODY_BYTES ? null : in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body == null || body.length > MAX_BODY_BYTES) {
            gatewayAnswer(response, callback, 413, "Request Too Long", null);
            return true;
        }
        APIGatewayProxyRequestEvent event = event(request, route, path, body, requestId);
        FunctionRunner.Result result = functions.get(route.functionName()).invoke(RestApiEvents.toJson(event));
        APIGatewayProxyResponseEvent answer = result.failed() ? null : RestApiEvents.responseFromJson(result.output());
        if (answer == null) {
            gatewayAnswer(response, callback, 502, "Internal server error", "InternalServerErrorException");
            return true;
        }
        respond(response, callback, answer);
        return true;
    }

    /** The last handler: what API Gateway answers for a path no route serves. */
    public Handler missingRoute() {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                drain(request);
                response.getHeaders().put(REQUEST_ID_HEADER, UUID.randomUUID().toString());
                missingAuthenticationToken(response, callback);
                return true;
            }
        };
    }

    /**
     * Reads and drops a body the answer does not need (up to the payload limit), so that a client that sends its
     * whole body before reading gets the answer rather than a reset connection.
     */
    private static void drain(Request request) throws IOException {
        if (request.getLength() > MAX_BODY_BYTES) {
            return;
        }
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            for (int n; total <= MAX_BODY_BYTES && (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        }
    }

    private APIGatewayProxyRequestEvent event(Request request, LocalApi.Route route, String path, byte[] body,
                                              String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.put(field.getName(), field.getValue()); // API Gateway keeps the last value of a repeated header
            multiValueHeaders.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> multiValueQuery = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        for (Fields.Field field : fields) {
            query.put(field.getName(), field.getValues().get(field.getValues().size() - 1));
            multiValueQuery.put(field.getName(), new ArrayList<>(field.getValues()));
        }
        Map<String, String> pathParameters = route.match(path);
        long now = System.currentTimeMillis();
        String sourceIp = Request.getRemoteAddr(request);

        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity()
                .withSourceIp(sourceIp)
                .withUserAgent(request.getHeaders().get("User-Agent"));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withAccountId(LocalValues.ACCOUNT_ID)
                .withApiId("local")
                .withResourceId(Integer.toHexString(route.path().hashCode()))
                .withResourcePath(route.path())
                .withHttpMethod(request.getMethod())
                .withRequestId(requestId)
                .withExtendedRequestId(requestId)
                .withStage(api.stageName())
                .withPath("/" + api.stageName() + path)
                .withProtocol(request.getConnectionMetaData().getProtocol())
                .withIdentity(identity)
                .withDomainName(request.getHeaders().get("Host"))
                .withRequestTime(ZonedDateTime.now(ZoneOffset.UTC).format(REQUEST_TIME))
                .withRequestTimeEpoch(now);

        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withResource(route.path())
                .withPath(path)
                .withHttpMethod(request.getMethod())
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withMultiValueQueryStringParameters(multiValueQuery.isEmpty() ? null : multiValueQuery)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context);
        if (body.length > 0) {
            String text = utf8(body);
            event.withIsBase64Encoded(text == null).withBody(text != null ? text : Base64.getEncoder().encodeToString(body));
        } else {
            event.withIsBase64Encoded(false);
        }
        return event;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null; // binary: sent base64-encoded with isBase64Encoded
        }
    }

    private static void respond(Response response, Callback callback, APIGatewayProxyResponseEvent answer) {
        response.setStatus(answer.getStatusCode());
        if (answer.getMultiValueHeaders() != null) {
            answer.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> response.getHeaders().add(name, v)));
        }
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach((name, value) -> response.getHeaders().put(name, value));
        }
        if (!response.getHeaders().contains("Content-Type")) {
            response.getHeaders().put("Content-Type", "application/json");
        }
        String body = answer.getBody() == null ? "" : answer.getBody();
        byte[] bytes = Boolean.TRUE.equals(answer.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private void preflight(Response response, Callback callback) {
        LocalApi.Cors cors = api.cors();
        putIfSet(response, "Access-Control-Allow-Methods", cors.allowMethods());
        putIfSet(response, "Access-Control-Allow-Headers", cors.allowHeaders());
        putIfSet(response, "Access-Control-Allow-Origin", cors.allowOrigin());
        putIfSet(response, "Access-Control-Max-Age", cors.maxAge());
        putIfSet(response, "Access-Control-Allow-Credentials", cors.allowCredentials());
        response.getHeaders().put("Content-Type", "application/json");
        response.setStatus(200);
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    private void missingAuthenticationToken(Response response, Callback callback) {
        gatewayAnswer(response, callback, 403, "Missing Authentication Token", "MissingAuthenticationTokenException");
    }

    /** One of API Gateway's own answers: {@code {"message": ...}} with the template's gateway response headers. */
    private void gatewayAnswer(Response response, Callback callback, int status, String message, String errorType) {
        response.setStatus(status);
        api.gatewayResponseHeaders(status).forEach((name, value) -> putIfSet(response, name, value));
        response.getHeaders().put("Content-Type", "application/json");
        if (errorType != null) {
            response.getHeaders().put("x-amzn-ErrorType", errorType);
        }
        response.write(true, ByteBuffer.wrap(("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8)),
                callback);
    }

    private static void putIfSet(Response response, String name, String value) {
        if (value != null) {
            response.getHeaders().put(name, value);
        }
    }
}
