package pwausers.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.lambda.EnvVarsFile;
import pwausers.local.lambda.FunctionEnvironment;
import pwausers.local.lambda.FunctionRunner;
import pwausers.local.lambda.LambdaErrors;
import pwausers.local.lambda.LocalAwsSettings;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;
import pwausers.local.up.UpState;

/**
 * {@code ./pwa-users invoke EVENT_FILE}: the Lambda console's Test button, on this machine. The handler is made
 * and called as the Lambda Java runtime does it; its result JSON goes to stdout, its log to stderr. DynamoDB is
 * found through the standard AWS settings ({@code AWS_ENDPOINT_URL_DYNAMODB} or {@code AWS_ENDPOINT_URL},
 * {@code AWS_REGION}, the credentials chain) or, when no endpoint is set, is the engine of a running
 * {@code ./pwa-users up}.
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
        LocalValues values = new LocalValues(SamTemplate.read(ProjectFiles.template()), Map.of());
        LocalFunction function = LocalFunction.all(values).stream()
                .filter(f -> functionName == null || f.name().equals(functionName))
                .findFirst().orElse(null);
        if (function == null) {
            err.println("pwa-users invoke: template.yaml has no function " + functionName);
            return 2;
        }
        Map<String, String> aws;
        try {
            aws = chooseEngine();
        } catch (IllegalStateException e) {
            err.println("pwa-users invoke: no ./pwa-users up is running and AWS_ENDPOINT_URL_DYNAMODB is not set, so the"
                    + " function would call DynamoDB in AWS, but " + e.getMessage()
                    + ". Start ./pwa-users up, or set AWS_ENDPOINT_URL_DYNAMODB, or configure AWS.");
            return 2;
        }
        try (FunctionRunner runner = new FunctionRunner(function,
                FunctionEnvironment.of(function, aws, env, EnvVarsFile.none()), err)) {
            FunctionRunner.Result result = runner.invoke(event);
            if (result.failed()) {
                out.println(result.timedOut() ? LambdaErrors.timedOut(function.timeoutSeconds())
                        : LambdaErrors.unhandled(result.error()));
                err.println("pwa-users invoke: the function failed: "
                        + (result.timedOut() ? "timed out" : String.valueOf(result.error())));
                return 1;
            }
            out.println(new String(result.output(), StandardCharsets.UTF_8));
            return 0;
        }
    }

    /**
     * The AWS settings the function gets: an endpoint in the environment wins; else a running {@code up}'s engine;
     * else DynamoDB in AWS. Says which.
     */
    private Map<String, String> chooseEngine() {
        String endpoint = LocalAwsSettings.configuredEndpoint(env);
        if (endpoint != null) {
            err.println("pwa-users invoke: DynamoDB at " + endpoint);
            return LocalAwsSettings.shellEngine(env);
        }
        var up = UpState.running(ProjectFiles.root());
        if (up.isPresent()) {
            err.println("pwa-users invoke: using the DynamoDB engine of the running ./pwa-users up ("
                    + up.get().dynamodbEndpoint() + ")");
            return LocalAwsSettings.localEngine(URI.create(up.get().dynamodbEndpoint()));
        }
        Map<String, String> aws = LocalAwsSettings.aws();
        err.println("pwa-users invoke: no ./pwa-users up is running and AWS_ENDPOINT_URL_DYNAMODB is not set: calling"
                + " DynamoDB in AWS (region " + aws.get("AWS_REGION") + "), in the AWS account of your current credentials");
        return aws;
    }
}
