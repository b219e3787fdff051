package pwausers.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;

/**
 * {@code ./pwa-users invoke EVENT_FILE}: the Lambda console's Test button, on this machine. The handler is made
 * and called exactly as the Lambda Java runtime does it; its result JSON goes to stdout, its log to stderr.
 * DynamoDB is found through the standard AWS settings ({@code AWS_ENDPOINT_URL_DYNAMODB} or
 * {@code AWS_ENDPOINT_URL}, {@code AWS_REGION}, the credentials chain) and the function's settings through
 * its environment ({@code TABLE_NAME}, {@code ALLOWED_ORIGIN}).
 */
final class InvokeCommand {
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    InvokeCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** @return the process exit code: 0 when the handler returned, whatever its status code */
    int run(Path eventFile, String functionName) {
        byte[] event;
        try {
            event = Files.readAllBytes(eventFile);
        } catch (NoSuchFileException e) {
            err.println("pwa-users invoke: no such event file: " + eventFile);
            return 2;
        } catch (IOException e) {
            err.println("pwa-users invoke: cannot read " + eventFile + ": " + e.getMessage());
            return 2;
        }
        SamTemplate template = SamTemplate.read(ProjectFiles.template());
        LocalFunction function = LocalFunction.all(template).stream()
                .filter(f -> functionName == null || f.name().equals(functionName))
                .findFirst().orElse(null);
        if (function == null) {
            err.println("pwa-users invoke: template.yaml has no function " + functionName);
            return 2;
        }
        LocalAwsSettings.applyDefaultsForLocalEndpoint(env, err);
        try {
            RequestStreamHandler handler = function.newHandler();
            ByteArrayOutputStream result = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), result,
                    new LocalContext(function.name(), function.memoryMb(), function.timeoutSeconds(), err));
            out.println(result.toString(StandardCharsets.UTF_8));
            return 0;
        } catch (Exception e) {
            out.println(LambdaErrors.unhandled(e));
            err.println("pwa-users invoke: the function failed: " + e);
            return 1;
        }
    }
}
