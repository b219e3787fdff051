package pwausers.local.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A test function, run as Lambda runs one (its own JVM, Lambda's runtime client; see TestFunctions): answers 200 with
 * the event it received as its body, plus a multi-value header and, for {@code /echo/binary}, a base64 body; throws
 * for {@code /echo/throw}; answers garbage for {@code /echo/garbage}; outlives its Timeout for a path ending in
 * {@code /sleep} (such as {@code /echo/sleep});
 * names no Content-Type for {@code /echo/untyped}, and a null one in a 204 for {@code /echo/no-content}. It needs
 * nothing but the Lambda API (its JSON is written by hand), so that its package is its one class.
 */
public final class EchoHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"/echo/throw\"")) {
            throw new IllegalStateException("the function failed");
        }
        if (event.contains("/sleep\"")) {
            try {
                Thread.sleep(60_000); // longer than the function's Timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (event.contains("\"/echo/garbage\"")) {
            output.write("not a proxy response".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (event.contains("\"/echo/no-content\"")) {
            output.write("{\"statusCode\":204,\"headers\":{\"Content-Type\":null},\"body\":\"\"}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (event.contains("\"/echo/untyped\"")) {
            output.write("{\"statusCode\":200,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String answer;
        if (event.contains("\"/echo/binary\"")) {
            answer = "{\"statusCode\":200,\"multiValueHeaders\":{\"X-Multi\":[\"a\",\"b\"]},"
                    + "\"headers\":{\"Content-Type\":\"application/octet-stream\"},\"body\":\"AAH/\",\"isBase64Encoded\":true}";
        } else {
            answer = "{\"statusCode\":200,\"multiValueHeaders\":{\"X-Multi\":[\"a\",\"b\"]},"
                    + "\"headers\":{\"Content-Type\":\"application/json\"},\"body\":" + quoted(event)
                    + ",\"isBase64Encoded\":false}";
        }
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string of the text. */
    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
