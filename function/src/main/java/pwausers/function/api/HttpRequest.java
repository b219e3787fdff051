package pwausers.function.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as the function sees it, whatever event format brought it.
 *
 * @param headers       case-insensitive names; one value per name
 * @param body          the body as the event carries it (base64 text when {@code base64Encoded}), or null
 */
public record HttpRequest(PayloadFormat format, String method, String path, Map<String, String> headers,
                          String body, boolean base64Encoded) {

    public HttpRequest {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = Collections.unmodifiableMap(caseInsensitive);
    }

    /** The header's value, or null; the name is case-insensitive. */
    public String header(String name) {
        return headers.get(name);
    }
}
