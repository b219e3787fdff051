package pwausers.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

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
        if (!"*".equals(root.path("headers").path("Access-Control-Allow-Origin").asText(null))) {
            return "no Access-Control-Allow-Origin: *";
        }
        JsonNode body;
        try {
            body = JSON.readTree(root.path("body").asText(""));
        } catch (JsonProcessingException e) {
            return "a body that is not JSON";
        }
        if (body == null || !ID.matcher(body.path("PwaUserId").asText("")).matches()) {
            return "no 22-character PwaUserId in the body";
        }
        if (!"Mickey".equals(body.path("Firstname").asText(null)) || !"Mouse".equals(body.path("Lastname").asText(null))
                || !"Successfully added user!".equals(body.path("Message").asText(null))) {
            return "not the workshop's body: " + body;
        }
        return null;
    }

    /** The PwaUserId of a gateway's 201 body ({@code {"PwaUserId": ...}}), or null when there is none. */
    public static String idOfBody(String body) {
        try {
            JsonNode id = JSON.readTree(body).path("PwaUserId");
            return id.isTextual() ? id.asText() : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
