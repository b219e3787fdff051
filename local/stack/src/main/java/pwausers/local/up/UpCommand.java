package pwausers.local.up;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.lambda.EnvVarsFile;
import pwausers.local.engine.SamTemplate;
import pwausers.local.lambda.HotReload;
import pwausers.local.metrics.MetricsConsole;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;
import pwausers.local.template.LocalApi;

/** {@code ./pwa-users up}: starts the local stack, says what is where, logs each request, stops on Ctrl-C. */
@Command(name = "up", sortOptions = false, usageHelpAutoWidth = true,
        header = "The whole system on this machine: web app, API, Lambda's Invoke API, DynamoDB.",
        description = {"Runs the whole system on this machine from template.yaml: the web app and the API on --port,"
                + " Lambda's Invoke API on --lambda-port, DynamoDB (dynalite) on --dynamodb-port with its data in --data."
                + " An edit to the function's sources is built and live within seconds. Ctrl-C stops it all."})
public final class UpCommand implements Callable<Integer> {
    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_LAMBDA_PORT = 3001;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT, converter = Port.class,
            description = "The web app and the API (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--lambda-port", paramLabel = "N", defaultValue = "" + DEFAULT_LAMBDA_PORT, converter = Port.class,
            description = "Lambda's Invoke API, for aws lambda invoke and the SDKs. Default: ${DEFAULT-VALUE}.")
    private int lambdaPort;

    @Option(names = "--dynamodb-port", paramLabel = "N", defaultValue = "" + DEFAULT_DYNAMODB_PORT,
            converter = Port.class, description = "DynamoDB (dynalite). Default: ${DEFAULT-VALUE}.")
    private int dynamodbPort;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where DynamoDB keeps its data across runs. Default: .pwa-users/data.")
    private Path data;

    @Option(names = "--parameter", paramLabel = "NAME=VALUE", mapFallbackValue = "",
            description = "Overrides a template parameter, e.g. --parameter AllowedOrigin=https://app.example.com"
                    + " (repeatable).")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--env-vars", paramLabel = "FILE",
            description = "The functions' environment variables, in SAM CLI's JSON format: {\"AddPwaUser\":"
                    + " {\"ALLOWED_ORIGIN\": \"...\"}, \"Parameters\": {...}} (Parameters: every function).")
    private Path envVarsFile;

    @Option(names = "--no-reload", description = "Does not watch the function's sources (no rebuild, no reload).")
    private boolean noReload;

    @Option(names = "--snapstart", description = "Where template.yaml turns SnapStart on, initialises each execution"
            + " environment as SnapStart does: the function's priming hooks run before its first request (seconds of"
            + " CPU per environment). Default: on demand.")
    private boolean snapStart;

    public UpCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Path root = ProjectFiles.root();
        Path dataDir = (data != null ? data : root.resolve(".pwa-users").resolve("data")).toAbsolutePath().normalize();
        EnvVarsFile envVars;
        try {
            envVars = envVarsFile == null ? EnvVarsFile.none() : EnvVarsFile.read(envVarsFile);
        } catch (IllegalArgumentException e) {
            err.println("pwa-users up: --env-vars: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        // said before anything starts, so that invoke never takes a running up for none and calls AWS instead
        UpState state = UpState.starting(ProcessHandle.current());
        if (!written(state, root)) {
            return CommandLine.ExitCode.SOFTWARE;
        }
        // watching from before the ports open: an edit saved while up starts is built once it serves
        HotReload reload = noReload ? null : HotReload.watch(root, LocalFunction.all(new LocalValues(
                SamTemplate.read(ProjectFiles.template()), parameters)).stream().map(LocalFunction::codeUri).toList(), out);
        LocalStack stack;
        try {
            stack = LocalStack.start(new LocalStack.Options(port, lambdaPort, dynamodbPort, dataDir, root.resolve("web"),
                    parameters, out, snapStart), env, envVars);
        } catch (RuntimeException e) {
            if (reload != null) {
                reload.close();
            }
            state.delete(root);
            err.println("pwa-users up: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        if (reload != null) {
            reload.start(stack.functions().values());
        }
        MetricsConsole metrics = MetricsConsole.start(stack.metrics(), out, stack.metricsUrl().toString());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("pwa-users: stopping: no new requests; those in flight get up to " + stack.grace().toSeconds()
                    + " s to be answered");
            if (reload != null) {
                reload.close();
            }
            metrics.close();
            stack.close();
            metrics.printRun(); // once the requests in flight are answered and the functions' last lines are read
            state.delete(root);
            out.println("pwa-users: stopped");
            stopped.countDown();
        }, "pwa-users-stop"));
        if (!written(state.serving(stack.dynamodbEndpoint().toString(), stack.apiUrl().toString(),
                stack.lambdaUrl().toString(), parameters, envVars.path()), root)) {
            return CommandLine.ExitCode.SOFTWARE; // the shutdown hook stops the stack
        }
        banner(stack, dataDir, root, reload);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return CommandLine.ExitCode.OK;
    }

    /** Writes this up's state for invoke; false, having said why, if it cannot. */
    private boolean written(UpState state, Path root) {
        try {
            state.write(root);
            return true;
        } catch (IOException e) {
            err.println("pwa-users up: cannot write " + state.file(root) + ", by which ./pwa-users invoke finds this up: "
                    + e);
            return false;
        }
    }

    private void banner(LocalStack stack, Path dataDir, Path root, HotReload reload) {
        List<String> tables = stack.values().template().logicalIdsOfType("AWS::DynamoDB::Table").stream()
                .map(stack.values()::tableName).toList();
        String function = stack.functionNames().get(0);
        LocalApi api = LocalApi.read(stack.values());
        String routes = api.routes().stream()
                .map(route -> String.format("%s %s%s", route.method(), stack.apiUrl(), route.path()))
                .collect(Collectors.joining("\n                   "));
        LocalApi.Throttle throttle = api.routes().isEmpty() ? null
                : api.throttle(api.routes().get(0).path(), api.routes().get(0).method());
        out.printf("""
                pwa-users is up (Ctrl-C stops it)
                  Web app          %s/
                  API              %s
                  Throttle         %s
                  DynamoDB         %s   tables %s
                                   e.g. aws dynamodb scan --endpoint-url %s --table-name %s
                  Lambda invoke    %s   e.g. aws lambda invoke --function-name %s --endpoint-url %s \\
                                       --payload fileb://events/workshop-test-event.json /dev/stdout
                  Metrics          %s   as template.yaml's dashboard shows them; a summary after each busy minute
                  Reload           %s
                  Data             %s
                """, stack.apiUrl(), routes, throttle(throttle), stack.dynamodbEndpoint(), String.join(", ", tables),
                stack.dynamodbEndpoint(), tables.get(0), stack.lambdaUrl(), function, stack.lambdaUrl(),
                stack.metricsUrl(), reload == null ? "off (--no-reload)" : "on: an edit in " + reload.watched() + " is built and live in seconds",
                dataDir.startsWith(root) ? root.relativize(dataDir) : dataDir);
        out.flush();
    }

    /** The stage's throttle as the banner says it, with the parameters that change it. */
    private static String throttle(LocalApi.Throttle throttle) {
        if (throttle == null) {
            return "none (the stage sets no throttle)";
        }
        String rate = throttle.rate() == Math.rint(throttle.rate()) ? Long.toString((long) throttle.rate())
                : Double.toString(throttle.rate());
        return rate + " requests a second, bursts of " + throttle.burst() + ", per method, as the stage; 429 beyond"
                + "\n                   (--parameter " + LocalApi.RATE_LIMIT_PARAMETER + "=N --parameter "
                + LocalApi.BURST_LIMIT_PARAMETER + "=M)";
    }

    /** A TCP port number, 0 for any free one. */
    static final class Port implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65_535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new CommandLine.TypeConversionException("not a port number (0 to 65535, 0: any free port): " + value);
        }
    }
}
