package pwausers.function.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import pwausers.function.testing.Events;

/**
 * One generated HTTP request: method, path, headers and body bytes. It can become a REST proxy event for the
 * handler, or be sent over HTTP to the gateway (which picks text or base64 itself).
 *
 * @param encoding how the event carries the body: as text, base64-encoded, or as text wrongly flagged base64
 */
public record FuzzRequest(String method, String path, Map<String, String> headers, byte[] body, Encoding encoding,
                          String kind) {

    public enum Encoding { TEXT, BASE64, TEXT_FLAGGED_BASE64 }

    /** Stands in a path for the id of an entry that exists when the request is made: see {@link #withExistingId}. */
    public static final String EXISTING_ID = "EXISTING-ID";

    /** This request with {@link #EXISTING_ID} in its path replaced by the id of an entry that exists. */
    public FuzzRequest withExistingId(String id) {
        return new FuzzRequest(method, path.replace(EXISTING_ID, id), headers, body, encoding, kind);
    }

    /** The event API Gateway would hand the function for it. */
    public String toRestEvent() {
        String text = body == null ? null : encoding == Encoding.BASE64 ? Base64.getEncoder().encodeToString(body)
                : new String(body, StandardCharsets.UTF_8); // as API Gateway does with text bodies
        return Events.rest(method, path, headers, text, encoding != Encoding.TEXT);
    }

    /** A short description for a failure report (bodies can be large). */
    @Override
    public String toString() {
        String text = body == null ? "null" : new String(body, StandardCharsets.UTF_8);
        return kind + " " + method + " " + path + " " + headers + " " + encoding + " body("
                + (body == null ? 0 : body.length) + ")=" + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }

    FuzzRequest with(String method, String path, Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new FuzzRequest(method, path, all, body, encoding, kind);
    }
}
