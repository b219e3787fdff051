package pwausers.bench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import pwausers.function.contract.Environment;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.ResponseFields;

/**
 * The answer the workshop's function gives its test event, checked on every invocation of either runtime: a REST
 * proxy answer with status 201, {@code Access-Control-Allow-Origin: *}, and a body with a fresh 22-character id, the
 * names sent (Mickey Mouse) and the workshop's message. A bench that counted fast wrong answers would be worthless.
 */
public final class Answers {
    /** One mapper for the bench and the load harness (thread-safe once configured). */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private Answers() {
    }

    /** Why this handler answer is not the workshop's 201 for Mickey Mouse, or null when it is. */
    public static String problem(byte[] answer) {
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (java.io.IOException e) {
            return "not JSON: " + e.getMessage();
        }
        if (root == null || root.path("statusCode").asInt() != 201) {
            return "status " + (root == null ? "none" : root.path("statusCode").asText("none")) + ", not 201";
        }
        if (!Environment.ANY_ORIGIN.equals(root.path("headers").path(HeaderNames.ALLOW_ORIGIN).asText(null))) {
            return "no " + HeaderNames.ALLOW_ORIGIN + ": " + Environment.ANY_ORIGIN;
        }
        JsonNode body;
        try {
            body = JSON.readTree(root.path("body").asText(""));
        } catch (JsonProcessingException e) {
            return "a body that is not JSON";
        }
        if (body == null || !ID.matcher(body.path(ResponseFields.ID).asText("")).matches()) {
            return "no 22-character " + ResponseFields.ID + " in the body";
        }
        if (!"Mickey".equals(body.path(ResponseFields.FIRSTNAME).asText(null))
                || !"Mouse".equals(body.path(ResponseFields.LASTNAME).asText(null))
                || !ResponseFields.CREATED_MESSAGE.equals(body.path(ResponseFields.MESSAGE).asText(null))) {
            return "not the workshop's body: " + body;
        }
        return null;
    }

    /** The id in a gateway's 201 body ({@link ResponseFields#ID}), or null when there is none. */
    public static String idOfBody(String body) {
        try {
            JsonNode id = JSON.readTree(body).path(ResponseFields.ID);
            return id.isTextual() ? id.asText() : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
