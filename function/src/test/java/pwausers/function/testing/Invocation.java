package pwausers.function.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.json.Json;
import pwausers.function.json.JsonException;
import pwausers.function.testkit.TestContext;

/**
 * One call of the handler, as Lambda makes it, with the answer parsed back.
 *
 * @param timeLeft what remained of the context's time when the handler returned: negative if Lambda would have
 *                 stopped it first (and the client would have got API Gateway's error, not this answer)
 */
public record Invocation(int statusCode, Map<String, String> headers, String body, boolean base64Encoded,
                         TestContext context, Duration timeLeft) {

    /** The repository's events/ folder (Maven passes the root as a system property). */
    public static Path eventFile(String name) {
        return Path.of(System.getProperty("pwausers.root", "..")).resolve("events").resolve(name);
    }

    public static String event(String name) {
        try {
            return Files.readString(eventFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Invocation invoke(AddPwaUserHandler handler, String event) {
        return invoke(handler, event, new TestContext());
    }

    public static Invocation invoke(AddPwaUserHandler handler, String event, TestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Duration timeLeft = context.timeLeft();
        Map<String, Object> answer = object(out.toString(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        ((Map<?, ?>) answer.get("headers")).forEach(
                (k, v) -> headers.put((String) k, v == Json.NULL ? null : (String) v)); // null: "name none"
        return new Invocation(Integer.parseInt(((Json.Number) answer.get("statusCode")).text()), headers,
                (String) answer.get("body"), (Boolean) answer.get("isBase64Encoded"), context, timeLeft);
    }

    /** The JSON object in this text; an assertion error if it is none. */
    @SuppressWarnings("unchecked") // Json reads objects as Map<String, Object>
    public static Map<String, Object> object(String json) {
        try {
            if (Json.parse(json) instanceof Map<?, ?> object) {
                return (Map<String, Object>) object;
            }
        } catch (JsonException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
        throw new AssertionError("not a JSON object: " + json);
    }

    /** A top-level string field of the JSON body. */
    public String bodyField(String name) {
        return (String) object(body).get(name);
    }

    /** The body's keys, in order. */
    public List<String> bodyKeys() {
        return List.copyOf(object(body).keySet());
    }

    /** The one log line the invocation wrote. */
    public String logLine() {
        if (context.logLines.size() != 1) {
            throw new AssertionError("expected one log line, got " + context.logLines);
        }
        return context.logLines.get(0);
    }
}
