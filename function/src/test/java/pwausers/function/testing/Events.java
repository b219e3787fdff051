package pwausers.function.testing;

import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/** Builds REST proxy (payload 1.0) events for cases that have no file in events/. */
public final class Events {
    private Events() {
    }

    public static String post(String body) {
        return rest("POST", "/pwausers", Map.of("Content-Type", "application/json"), body, false);
    }

    public static String rest(String method, String path, Map<String, String> headers, String body, boolean base64) {
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("httpMethod").writeValue(method);
        json.writeFieldName("path").writeValue(path);
        json.writeFieldName("headers").writeStartObject();
        headers.forEach((k, v) -> json.writeFieldName(k).writeValue(v));
        json.writeEndObject();
        json.writeFieldName("body");
        if (body == null) {
            json.writeNull();
        } else {
            json.writeValue(body);
        }
        json.writeFieldName("isBase64Encoded").writeValue(base64);
        return new String(json.writeEndObject().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
