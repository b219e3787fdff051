package pwausers.local.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test function: answers 200 with the event it received as its body, plus a multi-value header and, for
 * {@code /echo/binary}, a base64 body; throws for {@code /echo/throw}; answers garbage for {@code /echo/garbage};
 * outlives its Timeout for {@code /echo/sleep}.
 */
public final class EchoHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"/echo/throw\"")) {
            throw new IllegalStateException("the function failed");
        }
        if (event.contains("\"/echo/sleep\"")) {
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
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("statusCode", 200);
        answer.put("multiValueHeaders", Map.of("X-Multi", List.of("a", "b")));
        if (event.contains("\"/echo/binary\"")) {
            answer.put("headers", Map.of("Content-Type", "application/octet-stream"));
            answer.put("body", Base64.getEncoder().encodeToString(new byte[] {0, 1, (byte) 0xff}));
            answer.put("isBase64Encoded", true);
        } else {
            answer.put("headers", Map.of("Content-Type", "application/json"));
            answer.put("body", event);
            answer.put("isBase64Encoded", false);
        }
        JSON.writeValue(output, answer);
    }
}
