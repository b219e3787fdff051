package pwausers.function.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import pwausers.function.AddPwaUserHandler;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** One call of the handler, as Lambda makes it, with the answer parsed back. */
public record Invocation(int statusCode, Map<String, String> headers, String body, boolean base64Encoded,
                         TestContext context) {

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
        TestContext context = new TestContext();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode answer = JsonNode.parser().parse(out.toByteArray());
        Map<String, String> headers = new LinkedHashMap<>();
        answer.field("headers").ifPresent(h -> h.asObject().forEach((k, v) -> headers.put(k, v.asString())));
        return new Invocation(Integer.parseInt(answer.field("statusCode").orElseThrow().asNumber()), headers,
                answer.field("body").map(JsonNode::asString).orElse(null),
                answer.field("isBase64Encoded").map(JsonNode::asBoolean).orElse(false), context);
    }

    /** A top-level string field of the JSON body. */
    public String bodyField(String name) {
        return JsonNode.parser().parse(body).field(name).map(JsonNode::asString).orElse(null);
    }

    /** The body's keys, in order. */
    public java.util.List<String> bodyKeys() {
        return java.util.List.copyOf(JsonNode.parser().parse(body).asObject().keySet());
    }

    /** The one log line the invocation wrote. */
    public String logLine() {
        if (context.logLines.size() != 1) {
            throw new AssertionError("expected one log line, got " + context.logLines);
        }
        return context.logLines.get(0);
    }
}
