package pwausers.function.api;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Reads the event Lambda hands the function (API Gateway REST proxy payload 1.0, or HTTP API / Function URL
 * payload 2.0) and writes the answer both formats take: {@code statusCode}, {@code headers}, {@code body},
 * {@code isBase64Encoded}.
 *
 * <p>It uses the AWS SDK's own JSON reader and writer (module json-utils, over the SDK's shaded Jackson), which
 * the DynamoDB client loads anyway: no second JSON library to load at cold start.
 */
public final class ProxyEventCodec {
    private static final JsonNodeParser PARSER = JsonNode.parserBuilder().removeErrorLocations(true).build();

    private ProxyEventCodec() {
    }

    /** @throws InvalidEventException when the bytes are not an HTTP event of either format */
    public static HttpRequest read(byte[] event) {
        JsonNode root;
        try {
            root = PARSER.parse(event);
        } catch (RuntimeException e) {
            throw new InvalidEventException("the event is not JSON", e);
        }
        if (!root.isObject()) {
            throw new InvalidEventException("the event is not a JSON object", null);
        }
        return "2.0".equals(text(root, "version")) ? readV2(root) : readV1(root);
    }

    private static HttpRequest readV1(JsonNode root) {
        String method = text(root, "httpMethod");
        String path = text(root, "path");
        if (method == null || path == null) {
            throw new InvalidEventException("the event has no httpMethod or path: not an API Gateway proxy event", null);
        }
        return new HttpRequest(PayloadFormat.REST_V1, method, path, headers(root), text(root, "body"),
                flag(root, "isBase64Encoded"));
    }

    private static HttpRequest readV2(JsonNode root) {
        JsonNode http = root.field("requestContext").flatMap(c -> c.field("http")).orElse(null);
        String method = http == null ? null : text(http, "method");
        String path = text(root, "rawPath");
        if (method == null || path == null) {
            throw new InvalidEventException("the 2.0 event has no requestContext.http.method or rawPath", null);
        }
        String stage = root.field("requestContext").map(c -> text(c, "stage")).orElse(null);
        if (stage != null && !"$default".equals(stage) && path.startsWith("/" + stage + "/")) {
            path = path.substring(stage.length() + 1); // an HTTP API's named stage prefixes the path
        }
        return new HttpRequest(PayloadFormat.HTTP_V2, method, path, headers(root), text(root, "body"),
                flag(root, "isBase64Encoded"));
    }

    /** The answer as JSON bytes, the same shape for both payload formats. */
    public static byte[] write(HttpResponse response) {
        JsonWriter json = JsonWriter.create();
        json.writeStartObject();
        json.writeFieldName("statusCode").writeValue(response.statusCode());
        json.writeFieldName("headers").writeStartObject();
        response.headers().forEach((name, value) -> json.writeFieldName(name).writeValue(value));
        json.writeEndObject();
        json.writeFieldName("body").writeValue(response.body());
        json.writeFieldName("isBase64Encoded").writeValue(false);
        json.writeEndObject();
        return json.getBytes();
    }

    private static Map<String, String> headers(JsonNode root) {
        Map<String, String> headers = new HashMap<>();
        root.field("headers").filter(JsonNode::isObject).ifPresent(h -> h.asObject().forEach((name, value) -> {
            if (value.isString()) {
                headers.put(name, value.asString());
            }
        }));
        return headers;
    }

    private static String text(JsonNode node, String field) {
        return node.field(field).filter(JsonNode::isString).map(JsonNode::asString).orElse(null);
    }

    private static boolean flag(JsonNode node, String field) {
        return node.field(field).filter(JsonNode::isBoolean).map(JsonNode::asBoolean).orElse(false);
    }
}
