package pwausers.local.lambda;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import pwausers.local.template.LocalValues;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/NAME/invocations}), as {@code sam local start-lambda}
 * offers it, so that {@code aws lambda invoke --endpoint-url http://localhost:3001} and the SDKs work. A function
 * is named by its logical id in template.yaml (or its ARN, with an optional qualifier).
 */
public final class LambdaInvokeApi extends Handler.Abstract {
    /** Lambda's limit on a synchronous invocation's payload. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");
    private static final Pattern ARN = Pattern.compile("^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(:.+)?$");

    private final Map<String, FunctionRunner> functions;

    public LambdaInvokeApi(Map<String, FunctionRunner> functions) {
        this.functions = functions;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put("x-amzn-RequestId", requestId);
        Matcher invoke = INVOKE.matcher(Request.getPathInContext(request));
        if (!invoke.matches() || !request.getMethod().equals("POST")) {
            error(response, callback, 404, "UnknownOperationException", "Unknown operation: only Invoke is offered here");
            return true;
        }
        String name = functionName(URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8));
        FunctionRunner function = functions.get(name);
        if (function == null) {
            error(response, callback, 404, "ResourceNotFoundException", "Function not found: arn:aws:lambda:"
                    + LocalValues.REGION + ":" + LocalValues.ACCOUNT_ID + ":function:" + name);
            return true;
        }
        byte[] payload;
        try (InputStream in = Content.Source.asInputStream(request)) {
            payload = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            error(response, callback, 413, "RequestTooLargeException", "Request must be smaller than "
                    + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
            return true;
        }
        if (payload.length == 0) {
            payload = "{}".getBytes(StandardCharsets.UTF_8);
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
        response.getHeaders().put("X-Amz-Executed-Version", "$LATEST");
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
            body = (result.timedOut() ? LambdaErrors.timedOut(function.function().timeoutSeconds())
                    : LambdaErrors.unhandled(result.error())).getBytes(StandardCharsets.UTF_8);
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
            return arn.group(1);
        }
        int qualifier = given.indexOf(':');
        return qualifier < 0 ? given : given.substring(0, qualifier);
    }

    private static void error(Response response, Callback callback, int status, String type, String message) {
        response.setStatus(status);
        response.getHeaders().put("x-amzn-ErrorType", type);
        response.getHeaders().put("Content-Type", "application/json");
        String body = "{\"Type\":\"User\",\"message\":\"" + message.replace("\"", "'") + "\"}";
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
