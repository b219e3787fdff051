package pwausers.local.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import pwausers.local.http.RefusedBodies;
import pwausers.local.template.LocalApi;

/**
 * The answers {@link RestApiGateway} writes: API Gateway's own ({@code {"message": ...}} with the template's gateway
 * response headers), the CORS preflight as SAM's generated OPTIONS method answers it, and a function's proxy answer
 * mapped back to HTTP.
 */
final class GatewayAnswers {
    static final String INTERNAL_ERROR = "Internal server error";

    private final LocalApi api;

    GatewayAnswers(LocalApi api) {
        this.api = api;
    }

    static void respond(Response response, Callback callback, RestApiEvents.ProxyAnswer answer, byte[] body) {
        response.setStatus(answer.statusCode());
        if (answer.multiValueHeaders() != null) {
            answer.multiValueHeaders().forEach((name, values) -> {
                if (values != null) {
                    values.forEach(value -> putIfSet(response, name, value, true));
                }
            });
        }
        if (answer.headers() != null) {
            answer.headers().forEach((name, value) -> putIfSet(response, name, value, false));
        }
        if (!namesContentType(answer.headers()) && !namesContentType(answer.multiValueHeaders())) {
            response.getHeaders().put("Content-Type", "application/json"); // API Gateway's default
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Whether an answer names Content-Type, if only as null: then API Gateway adds none (aws-lambda-dotnet relies on it). */
    private static boolean namesContentType(Map<String, ?> headers) {
        return headers != null && headers.keySet().stream().anyMatch("Content-Type"::equalsIgnoreCase);
    }

    void preflight(Response response, Callback callback) {
        LocalApi.Cors cors = api.cors();
        putIfSet(response, "Access-Control-Allow-Methods", cors.allowMethods(), false);
        putIfSet(response, "Access-Control-Allow-Headers", cors.allowHeaders(), false);
        putIfSet(response, "Access-Control-Allow-Origin", cors.allowOrigin(), false);
        putIfSet(response, "Access-Control-Max-Age", cors.maxAge(), false);
        putIfSet(response, "Access-Control-Allow-Credentials", cors.allowCredentials(), false);
        response.getHeaders().put("Content-Type", "application/json");
        response.setStatus(200);
        response.write(true, ByteBuffer.allocate(0), callback);
    }

    void missingAuthenticationToken(Response response, Callback callback) {
        gatewayAnswer(response, callback, 403, "Missing Authentication Token", "MissingAuthenticationTokenException",
                "MISSING_AUTHENTICATION_TOKEN");
    }

    /**
     * The refusal's answer, and the connection closed (the rest of the body is not taken); while the client is still
     * sending, the rest is read and dropped for a moment first, so that the answer reaches it ({@link
     * RefusedBodies}). A stalled body's connection is closed at once.
     */
    void refuse(Request request, Response response, Callback callback, RequestBodies.Refusal refusal) {
        response.getHeaders().put("Connection", "close");
        Callback closing = refusal == RequestBodies.Refusal.TOO_SLOW ? callback
                : RefusedBodies.drainingAfter(request, callback);
        gatewayAnswer(response, closing, refusal.status, refusal.message, null, refusal.responseType);
    }

    /** API Gateway's answer to a failed integration (500 or 502): its {@code "Internal server error"}. */
    void internalError(Response response, Callback callback, int status) {
        gatewayAnswer(response, callback, status, INTERNAL_ERROR, "InternalServerErrorException", null);
    }

    /**
     * One of API Gateway's own answers: {@code {"message": ...}} with the headers of the template's gateway response
     * of that type (THROTTLED, ...; null: the default for the status).
     */
    void gatewayAnswer(Response response, Callback callback, int status, String message, String errorType,
                               String responseType) {
        response.setStatus(status);
        api.gatewayResponseHeaders(responseType, status).forEach((name, value) -> putIfSet(response, name, value, false));
        response.getHeaders().put("Content-Type", "application/json");
        if (errorType != null) {
            response.getHeaders().put("x-amzn-ErrorType", errorType);
        }
        response.write(true, ByteBuffer.wrap(("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8)),
                callback);
    }

    private static void putIfSet(Response response, String name, String value, boolean add) {
        if (value == null) {
            return;
        }
        if (add) {
            response.getHeaders().add(name, value);
        } else {
            response.getHeaders().put(name, value);
        }
    }
}
