package pwausers.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import pwausers.local.http.JsonErrorHandler;
import pwausers.local.http.RefusedBodies;
import pwausers.local.http.RequestIds;
import pwausers.local.template.LocalValues;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/NAME/invocations}), as {@code sam local start-lambda}
 * offers it, so that {@code aws lambda invoke --endpoint-url http://localhost:3001} and the SDKs work. A function
 * is named by its logical id in template.yaml (or its ARN, with an optional qualifier).
 *
 * <p>Browsers are refused: the aws CLI and the SDKs never send an {@code Origin} header, every cross-origin request a
 * web page makes (and every preflight) carries one, so a request with an {@code Origin}, a {@code Sec-Fetch-Site}
 * other than {@code none}, or a {@code Host} that is not this machine's loopback name (a DNS-rebinding page) gets 403
 * and no CORS header: no page can run the functions or read their answers.
 */
public final class LambdaInvokeApi extends Handler.Abstract {
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");
    /** A function's ARN, whole ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}) or partial ({@code ACCOUNT:function:NAME}). */
    private static final Pattern ARN = Pattern.compile("^(?:arn:[^:]+:lambda:[^:]*:)?([^:]*):function:([^:]+)(:.+)?$");
    /** The payload must be one JSON value, as Lambda parses it (a second value after it is an error too). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Map<String, FunctionRunner> functions;

    public LambdaInvokeApi(Map<String, FunctionRunner> functions) {
        this.functions = functions;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put(JsonErrorHandler.REQUEST_ID_HEADER, RequestIds.next());
        Callback refusal = RefusedBodies.drainingAfter(request, callback); // for answers that leave the body unread
        if (fromABrowser(request)) {
            error(response, refusal, 403, "AccessDeniedException", "The local Lambda Invoke API does not answer web"
                    + " pages: call it with the aws CLI or an SDK");
            return true;
        }
        Matcher invoke = INVOKE.matcher(Request.getPathInContext(request));
        if (!invoke.matches() || !request.getMethod().equals("POST")) {
            error(response, refusal, 404, "UnknownOperationException", "Unknown operation: only Invoke is offered here");
            return true;
        }
        String given = URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8);
        String account = account(given);
        if (account != null && !account.equals(LocalValues.ACCOUNT_ID)) {
            // Lambda's answer to a caller of another account's function that grants it nothing (here: every one)
            error(response, refusal, 403, "AccessDeniedException", "User: arn:aws:iam::" + LocalValues.ACCOUNT_ID
                    + ":root is not authorized to perform: lambda:InvokeFunction on resource: " + given
                    + " because no resource-based policy allows the lambda:InvokeFunction action");
            return true;
        }
        String name = functionName(given);
        FunctionRunner function = functions.get(name);
        if (function == null) {
            error(response, refusal, 404, "ResourceNotFoundException", "Function not found: "
                    + FunctionEnvironment.functionArn(name));
            return true;
        }
        if (request.getLength() > FunctionRunner.MAX_PAYLOAD_BYTES) {
            tooLarge(response, refusal);
            return true;
        }
        // Read to its end, or one byte past the limit (a chunked body): the stream is not closed, because closing
        // it before the end fails the rest of the body, which must be drained instead.
        byte[] payload = Content.Source.asInputStream(request).readNBytes(FunctionRunner.MAX_PAYLOAD_BYTES + 1);
        if (payload.length > FunctionRunner.MAX_PAYLOAD_BYTES) {
            tooLarge(response, refusal);
            return true;
        }
        if (payload.length == 0) {
            payload = "{}".getBytes(StandardCharsets.UTF_8);
        }
        String notJson = notJson(payload);
        if (notJson != null) { // Lambda refuses it before the function runs
            error(response, callback, 400, "InvalidRequestContentException",
                    "Could not parse request body into json: Could not parse payload into json: " + notJson);
            return true;
        }
        String invocationType = request.getHeaders().get("X-Amz-Invocation-Type");
        if ("DryRun".equals(invocationType)) {
            response.setStatus(204);
            callback.succeeded();
            return true;
        }
        if ("Event".equals(invocationType)) {
            byte[] event = payload;
            Thread call = new Thread(() -> function.invoke(event), "lambda-event");
            call.setDaemon(true);
            call.start();
            response.setStatus(202);
            callback.succeeded();
            return true;
        }
        FunctionRunner.Result result = function.invoke(payload);
        if (result.kind() == FunctionRunner.Kind.THROTTLED || result.kind() == FunctionRunner.Kind.NOT_RUN) {
            answer(response, callback, 429, "TooManyRequestsException",
                    LambdaErrors.throttled(result.kind() == FunctionRunner.Kind.THROTTLED));
            return true;
        }
        if (result.kind() == FunctionRunner.Kind.STOPPED) {
            error(response, callback, 503, "ServiceException", "./pwa-users up stopped before the function answered");
            return true;
        }
        response.getHeaders().put("X-Amz-Executed-Version", FunctionEnvironment.VERSION);
        if ("Tail".equals(request.getHeaders().get("X-Amz-Log-Type"))) {
            byte[] log = result.log().getBytes(StandardCharsets.UTF_8);
            byte[] tail = log.length <= 4096 ? log : java.util.Arrays.copyOfRange(log, log.length - 4096, log.length);
            response.getHeaders().put("X-Amz-Log-Result", Base64.getEncoder().encodeToString(tail));
        }
        response.getHeaders().put("Content-Type", "application/json");
        response.setStatus(200);
        byte[] body;
        if (result.failed()) {
            response.getHeaders().put("X-Amz-Function-Error", "Unhandled");
            body = LambdaErrors.of(result, function.function().timeoutSeconds()).getBytes(StandardCharsets.UTF_8);
        } else {
            body = result.output();
        }
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** A function name, a partial or full ARN, with or without a qualifier: the name. */
    static String functionName(String given) {
        Matcher arn = ARN.matcher(given);
        if (arn.matches()) {
            return arn.group(2);
        }
        int qualifier = given.indexOf(':');
        return qualifier < 0 ? given : given.substring(0, qualifier);
    }

    /** The account an ARN names, or null for a plain name. */
    static String account(String given) {
        Matcher arn = ARN.matcher(given);
        return arn.matches() ? arn.group(1) : null;
    }

    /** Why the payload is not one JSON value, or null when it is. */
    private static String notJson(byte[] payload) {
        try {
            JSON.readTree(payload);
            return null;
        } catch (JsonProcessingException e) {
            return e.getOriginalMessage();
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }

    /**
     * Whether a web page sent this: an Origin, a browser's fetch metadata, or a Host other than loopback's (a
     * browser's own navigation, a typed address, is none of these).
     */
    public static boolean fromABrowser(Request request) {
        HttpFields headers = request.getHeaders();
        if (headers.contains(HttpHeader.ORIGIN)) {
            return true;
        }
        String site = headers.get("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("none")) {
            return true;
        }
        String host = Request.getServerName(request);
        return !(host.equalsIgnoreCase("localhost") || host.toLowerCase(Locale.ROOT).endsWith(".localhost")
                || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
    }

    /**
     * The server's error handler: Jetty's own answers (a malformed request 400, headers too large 431, a failure 500)
     * as Lambda's errors, in JSON with a request id, instead of an HTML page.
     */
    public static Request.Handler errorHandler() {
        return new JsonErrorHandler((response, callback, status, reason) -> error(response, callback, status,
                status >= 500 ? "ServiceException" : "InvalidRequestContentException", reason));
    }

    private static void tooLarge(Response response, Callback callback) {
        error(response, callback, 413, "RequestTooLargeException", "Request must be smaller than "
                + FunctionRunner.MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
    }

    private static void error(Response response, Callback callback, int status, String type, String message) {
        answer(response, callback, status, type, LambdaErrors.invokeApiError(status, message));
    }

    private static void answer(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put("x-amzn-ErrorType", type);
        response.getHeaders().put("Content-Type", "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
