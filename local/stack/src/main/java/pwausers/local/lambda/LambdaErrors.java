package pwausers.local.lambda;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/** The JSON Lambda returns for a function that threw: {@code {"errorMessage": ..., "errorType": ...}}. */
public final class LambdaErrors {
    private LambdaErrors() {
    }

    public static String unhandled(Throwable e) {
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("errorMessage").writeValue(String.valueOf(e.getMessage()));
        json.writeFieldName("errorType").writeValue(e.getClass().getName());
        return new String(json.writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }

    /** What Lambda answers for a function that outlived its Timeout. */
    public static String timedOut(int timeoutSeconds) {
        return "{\"errorMessage\":\"Task timed out after " + timeoutSeconds + ".00 seconds\"}";
    }
}
