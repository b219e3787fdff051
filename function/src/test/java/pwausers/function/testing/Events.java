package pwausers.function.testing;

import java.util.Map;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.Routes;
import pwausers.function.json.Json;

/** Builds REST proxy (payload 1.0) events for cases that have no file in events/. */
public final class Events {
    private Events() {
    }

    public static String post(String body) {
        return rest("POST", Routes.RESOURCE_PATH, Map.of(HeaderNames.CONTENT_TYPE, "application/json"), body,
                false);
    }

    public static String rest(String method, String path, Map<String, String> headers, String body, boolean base64) {
        Json.ObjectWriter json = Json.object().field("httpMethod", method).field("path", path).object("headers");
        headers.forEach(json::field);
        return json.end().field("body", body).field("isBase64Encoded", base64).text();
    }
}
