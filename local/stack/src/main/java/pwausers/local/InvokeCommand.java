package pwausers.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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
 * {@code ./pwa-users invoke EVENT_FILE}: the Lambda console's Test button, on this machine. The function runs as
 * Lambda runs it, in a JVM of its own under Lambda's runtime interface client (one cold start); its result JSON goes to stdout, its log and the notes of this
 * command to stderr. Which DynamoDB it calls, in this order: the one {@code AWS_ENDPOINT_URL_DYNAMODB} (or
 * {@code AWS_ENDPOINT_URL}) names; the engine of a running {@code ./pwa-users up}, with that stack's template
 * parameters and {@code --env-vars}; else DynamoDB in AWS, in the account of the current credentials.
 */
@Command(name = "invoke", sortOptions = false, usageHelpAutoWidth = true,
        header = "Runs the function once on an event, as the Lambda console's Test button does.",
        description = {"Prints the function's result JSON (exit 0 whenever it returned, whatever its status code).",
                "DynamoDB: the endpoint AWS_ENDPOINT_URL_DYNAMODB (or AWS_ENDPOINT_URL) names; else the engine of a"
                        + " running ./pwa-users up, with its --parameter and --env-vars; else DynamoDB in your AWS"
                        + " account (AWS_REGION, AWS_PROFILE, ~/.aws)."})
final class InvokeCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(index = "0", paramLabel = "EVENT_FILE",
            description = "The event, e.g. events/workshop-test-event.json; - reads it from stdin.")
    private String eventFile;

    @Option(names = "--function", paramLabel = "NAME",
            description = "The function's logical id in template.yaml. Default: its only (first) function.")
    private String functionName;

    @Option(names = "--parameter", paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = "Overrides a template parameter (on top of a running up's), e.g. --parameter TableName=MyUsers.")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--env-vars", paramLabel = "FILE",
            description = "The function's environment variables, in SAM CLI's JSON format (instead of a running up's).")
    private Path envVarsFile;

    InvokeCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Which DynamoDB the function calls, with which settings, and what to tell the user about it. */
    private record Target(Map<String, String> aws, Map<String, String> parameters, Path envVars, String note) {
    }

    @Override
    public Integer call() {
        byte[] event;
        try {
            event = readEvent();
        } catch (NoSuchFileException e) {
            err.println("pwa-users invoke: no such event file: " + eventFile);
            return CommandLine.ExitCode.USAGE;
        } catch (IOException e) {
            err.println("pwa-users invoke: cannot read " + eventFile + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        Target target;
        try {
            target = target();
        } catch (UpStarting e) {
            err.println("pwa-users invoke: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (IllegalStateException e) {
            err.println("pwa-users invoke: no ./pwa-users up is running and AWS_ENDPOINT_URL_DYNAMODB is not set, so the"
                    + " function would call DynamoDB in AWS, but " + e.getMessage()
                    + ". Start ./pwa-users up, or set AWS_ENDPOINT_URL_DYNAMODB, or configure AWS.");
            return CommandLine.ExitCode.USAGE;
        }
        EnvVarsFile envVars;
        LocalValues values;
        try {
            envVars = target.envVars() == null ? EnvVarsFile.none() : EnvVarsFile.read(target.envVars());
            values = new LocalValues(SamTemplate.read(ProjectFiles.template()), target.parameters());
        } catch (IllegalArgumentException e) {
            err.println("pwa-users invoke: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        LocalFunction function = LocalFunction.all(values).stream()
                .filter(f -> functionName == null || f.name().equals(functionName))
                .findFirst().orElse(null);
        if (function == null) {
            err.println("pwa-users invoke: template.yaml has no function " + functionName + "; it has "
                    + LocalFunction.all(values).stream().map(LocalFunction::name).toList());
            return CommandLine.ExitCode.USAGE;
        }
        err.println("pwa-users invoke: " + target.note());
        FunctionEnvironment.notes(function, env, envVars).forEach(note -> err.println("pwa-users invoke: " + note));
        try (FunctionRunner runner = new FunctionRunner(function,
                FunctionEnvironment.of(function, target.aws(), env, envVars), err, false)) {
            FunctionRunner.Result result = runner.invoke(event);
            if (result.failed()) {
                out.println(LambdaErrors.of(result, function.timeoutSeconds()));
                err.println("pwa-users invoke: the function failed: "
                        + (result.timedOut() ? "timed out" : result.errorType()));
                return CommandLine.ExitCode.SOFTWARE;
            }
            out.println(new String(result.output(), StandardCharsets.UTF_8));
            return CommandLine.ExitCode.OK;
        } catch (IllegalStateException e) {
            err.println("pwa-users invoke: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    private byte[] readEvent() throws IOException {
        if (eventFile.equals("-")) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(Path.of(eventFile));
    }

    /** An {@code up} of this clone runs but does not serve yet: its engine is unknown, and AWS is not the answer. */
    private static final class UpStarting extends RuntimeException {
        UpStarting(String message) {
            super(message);
        }
    }

    /**
     * An endpoint in the environment wins; else a running {@code up}'s engine and settings (the latest started, if
     * several run); else, when no {@code up} of this clone runs at all, DynamoDB in AWS.
     */
    private Target target() {
        String endpoint = LocalAwsSettings.configuredEndpoint(env);
        if (endpoint != null) {
            return new Target(LocalAwsSettings.shellEngine(env), parameters, envVarsFile,
                    "DynamoDB at " + endpoint + " (AWS_ENDPOINT_URL" + (env.containsKey(LocalAwsSettings.DYNAMODB_ENDPOINT)
                            ? "_DYNAMODB" : "") + ")");
        }
        List<UpState> ups = UpState.running(ProjectFiles.root());
        Optional<UpState> serving = ups.stream().filter(UpState::isServing).findFirst(); // the latest started
        if (serving.isPresent()) {
            UpState up = serving.get();
            Map<String, String> upParameters = new LinkedHashMap<>(up.parameters());
            upParameters.putAll(parameters);
            Path envVars = envVarsFile != null ? envVarsFile : up.envVars();
            List<Long> others = ups.stream().map(UpState::pid).filter(pid -> pid != up.pid()).toList();
            return new Target(LocalAwsSettings.localEngine(java.net.URI.create(up.dynamodbEndpoint())),
                    upParameters, envVars, "using the DynamoDB engine of the running ./pwa-users up (pid " + up.pid()
                    + ") at " + up.dynamodbEndpoint() + (upParameters.isEmpty() ? "" : ", parameters " + upParameters)
                    + (envVars == null ? "" : ", --env-vars " + envVars)
                    + (others.isEmpty() ? "" : "; the latest of the ups running (the others: pids " + others
                            + "); AWS_ENDPOINT_URL_DYNAMODB chooses another"));
        }
        if (!ups.isEmpty()) {
            throw new UpStarting("the ./pwa-users up of this clone (pid " + ups.get(0).pid() + ") is still starting:"
                    + " invoke again once it says it is up (or set AWS_ENDPOINT_URL_DYNAMODB)");
        }
        Map<String, String> aws = LocalAwsSettings.aws();
        return new Target(aws, parameters, envVarsFile, "no ./pwa-users up is running and AWS_ENDPOINT_URL_DYNAMODB is"
                + " not set: calling DynamoDB in AWS (region " + aws.get("AWS_REGION") + "), in the AWS account of your"
                + " current credentials");
    }
}
