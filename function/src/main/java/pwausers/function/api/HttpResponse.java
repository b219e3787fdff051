package pwausers.function.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the function answers: a status, headers and a JSON body (UTF-8 text, never base64). */
public record HttpResponse(int statusCode, Map<String, String> headers, String body) {
    public HttpResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
