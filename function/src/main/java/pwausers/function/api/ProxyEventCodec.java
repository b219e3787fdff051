package pwausers.function.api;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import pwausers.function.contract.HeaderNames;
import pwausers.function.json.Json;
import pwausers.function.json.JsonException;

/**
 * Reads the event Lambda hands the function (API Gateway REST proxy payload 1.0, or HTTP API / Function URL
 * payload 2.0) and writes the answer both formats take: {@code statusCode}, {@code headers}, {@code body},
 * {@code isBase64Encoded}.
 */
public final class ProxyEventCodec {
    private ProxyEventCodec() {
    }

    /** @throws InvalidEventException when the bytes are not an HTTP event of either format */
    public static HttpRequest read(byte[] event) {
        return read(parse(event));
    }

    /**
     * The event's fields, read once: {@link #isKeepActive} tells the template's schedule from an HTTP event, which
     * {@link #read(Map)} reads.
     *
     * @throws InvalidEventException when the bytes are not a JSON object
     */
    public static Map<?, ?> parse(byte[] event) {
        Object root;
        try {
            root = Json.parse(new String(event, StandardCharsets.UTF_8));
        } catch (JsonException e) {
            throw new InvalidEventException("the event is not JSON", e);
        }
        if (!(root instanceof Map<?, ?> fields)) {
            throw new InvalidEventException("the event is not a JSON object", null);
        }
        return fields;
    }

    /** @throws InvalidEventException when the fields are not an HTTP event of either format */
    public static HttpRequest read(Map<?, ?> fields) {
        return "2.0".equals(text(fields, "version")) ? readV2(fields) : readV1(fields);
    }

    /**
     * Whether the event is the template's keep-active schedule: an EventBridge scheduled event, {@code "source":
     * "aws.events"} and {@code "detail-type": "Scheduled Event"} (Lambda guide, <i>Invoke a Lambda function on a
     * schedule</i>; events/keep-active-schedule.json). It keeps a SnapStart version from going Inactive after 14 days
     * without an invocation.
     */
    public static boolean isKeepActive(Map<?, ?> fields) {
        return "aws.events".equals(text(fields, "source")) && "Scheduled Event".equals(text(fields, "detail-type"));
    }

    /** The answer to the keep-active schedule (EventBridge reads none; a person testing the event sees this). */
    public static byte[] keepActiveAnswer() {
        return Json.object().field("KeepActive", "ok").text().getBytes(StandardCharsets.UTF_8);
    }

    private static HttpRequest readV1(Map<?, ?> root) {
        String method = text(root, "httpMethod");
        String path = text(root, "path");
        if (method == null || path == null) {
            throw new InvalidEventException("the event has no httpMethod or path: not an API Gateway proxy event", null);
        }
        return new HttpRequest(PayloadFormat.REST_V1, method, path, headers(root), text(root, "body"),
                flag(root, "isBase64Encoded"));
    }

    private static HttpRequest readV2(Map<?, ?> root) {
        Map<?, ?> context = object(root, "requestContext");
        Map<?, ?> http = object(context, "http");
        String method = text(http, "method");
        String path = text(root, "rawPath");
        if (method == null || path == null) {
            throw new InvalidEventException("the 2.0 event has no requestContext.http.method or rawPath", null);
        }
        String stage = text(context, "stage");
        if (stage != null && !"$default".equals(stage) && path.startsWith("/" + stage + "/")) {
            path = path.substring(stage.length() + 1); // an HTTP API's named stage prefixes the path
        }
        return new HttpRequest(PayloadFormat.HTTP_V2, method, path, headers(root), text(root, "body"),
                flag(root, "isBase64Encoded"));
    }

    /**
     * The answer as JSON bytes, the same shape for both payload formats. An answer without a body names no
     * Content-Type: to a REST API it says so with {@code "Content-Type": null}, because API Gateway's REST proxy
     * integration gives an answer that leaves the header out {@code application/json} (AWS's own
     * aws-lambda-dotnet answers with a null Content-Type for the same reason, in
     * {@code APIGatewayProxyFunction.MarshallResponse}; the local gateway does as API Gateway does).
     *
     * @param format the request's payload format, or null when the event was not an HTTP request
     */
    public static byte[] write(HttpResponse response, PayloadFormat format) {
        Json.ObjectWriter json = Json.object().field("statusCode", response.statusCode()).object("headers");
        response.headers().forEach(json::field);
        if (format == PayloadFormat.REST_V1 && !response.headers().containsKey(HeaderNames.CONTENT_TYPE)) {
            json.field(HeaderNames.CONTENT_TYPE, (String) null);
        }
        return json.end()
                .field("body", response.body())
                .field("isBase64Encoded", false)
                .text().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(Map<?, ?> root) {
        Map<String, String> headers = new HashMap<>();
        object(root, "headers").forEach((name, value) -> {
            if (value instanceof String text) {
                headers.put((String) name, text);
            }
        });
        return headers;
    }

    /** The field's value if it is an object, else an empty one. */
    private static Map<?, ?> object(Map<?, ?> node, String field) {
        return node.get(field) instanceof Map<?, ?> object ? object : Map.of();
    }

    private static String text(Map<?, ?> node, String field) {
        return node.get(field) instanceof String text ? text : null;
    }

    private static boolean flag(Map<?, ?> node, String field) {
        return Boolean.TRUE.equals(node.get(field));
    }
}
