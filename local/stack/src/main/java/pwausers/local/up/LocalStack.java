package pwausers.local.up;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import pwausers.local.engine.DataDirectoryInUseException;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.PortInUseException;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.gateway.AccessLog;
import pwausers.local.gateway.RestApiGateway;
import pwausers.local.http.CdnHeadersHandler;
import pwausers.local.lambda.EnvVarsFile;
import pwausers.local.lambda.FunctionEnvironment;
import pwausers.local.lambda.FunctionRunner;
import pwausers.local.lambda.LambdaInvokeApi;
import pwausers.local.lambda.LocalAwsSettings;
import pwausers.local.metrics.LocalMetrics;
import pwausers.local.metrics.MetricsEndpoint;
import pwausers.local.template.CdnResponseHeaders;
import pwausers.local.template.LocalApi;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;

/**
 * The whole system on this machine, from template.yaml: dynalite with the template's tables, the functions in
 * execution environments of their own (JVMs under Lambda's runtime interface client, {@link FunctionRunner}), the
 * REST API (and the web app's files) on one port and Lambda's Invoke API on another. {@link #close()} drains (the
 * requests in flight get their answers), then stops everything and leaves no process behind.
 */
public final class LocalStack implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    /**
     * How the names of the API server's threads (the web app, the gateway) begin: a server's threads are named after
     * its flag ({@code port-N}, {@code lambda-port-N}), for a profiler or the bench to tell them apart.
     */
    public static final String API_THREAD_NAME_PREFIX = threadNamePrefix("--port");

    /**
     * @param port         the API and web app port (0: any free port)
     * @param lambdaPort   the Invoke API port (0: any free port)
     * @param dynamodbPort dynalite's port (0: any free port)
     * @param dataDir      where dynalite keeps its data; null keeps it in memory
     * @param webDir       the web app's files served at /; null or missing: a placeholder page
     * @param parameters   template parameter overrides
     * @param snapStart    whether a function whose template turns SnapStart on initialises as SnapStart does (its
     *                     hooks before its first request, in every environment); false initialises each on demand
     * @param bodyGrace    what every request body is given to arrive before the gateway answers 408
     *                     ({@link RestApiGateway#BODY_GRACE} but in tests of that 408)
     * @param environments the most execution environments of a function at once when the template reserves no
     *                     concurrency ({@link FunctionRunner#DEFAULT_CONCURRENCY} but in tests whose concurrent
     *                     requests need not each have one: every environment is a JVM's start)
     */
    public record Options(int port, int lambdaPort, int dynamodbPort, Path dataDir, Path webDir,
                          Map<String, String> parameters, PrintStream console, boolean snapStart, Duration bodyGrace,
                          int environments) {
        /** The gateway's own grace for a body, the local cap on environments. */
        public Options(int port, int lambdaPort, int dynamodbPort, Path dataDir, Path webDir,
                       Map<String, String> parameters, PrintStream console, boolean snapStart) {
            this(port, lambdaPort, dynamodbPort, dataDir, webDir, parameters, console, snapStart,
                    RestApiGateway.BODY_GRACE, FunctionRunner.DEFAULT_CONCURRENCY);
        }

        /** Every environment initialised on demand (up's default; --snapstart for SnapStart's lifecycle). */
        public Options(int port, int lambdaPort, int dynamodbPort, Path dataDir, Path webDir,
                       Map<String, String> parameters, PrintStream console) {
            this(port, lambdaPort, dynamodbPort, dataDir, webDir, parameters, console, false);
        }

        /** These options with another grace for a request body. */
        public Options withBodyGrace(Duration grace) {
            return new Options(port, lambdaPort, dynamodbPort, dataDir, webDir, parameters, console, snapStart, grace,
                    environments);
        }

        /** These options with at most this many environments of a function at once (a request beyond them waits). */
        public Options withEnvironments(int most) {
            return new Options(port, lambdaPort, dynamodbPort, dataDir, webDir, parameters, console, snapStart,
                    bodyGrace, most);
        }
    }

    private final Options options;
    private final Map<String, String> shell;
    private final EnvVarsFile envVars;
    private final LocalValues values;
    private final Map<String, FunctionRunner> functions = new LinkedHashMap<>();
    private Dynalite dynalite;
    private EngineSupervisor supervisor;
    private Server apiServer;
    private Server lambdaServer;
    private LocalMetrics metrics;

    private LocalStack(Options options, Map<String, String> shell, EnvVarsFile envVars) {
        this.options = options;
        this.shell = Map.copyOf(shell);
        this.envVars = envVars;
        this.values = new LocalValues(SamTemplate.read(ProjectFiles.template()), options.parameters());
    }

    /** The stack with the functions' environment from the template alone. */
    public static LocalStack start(Options options) {
        return start(options, Map.of(), EnvVarsFile.none());
    }

    /**
     * The stack with the functions' environment as SAM CLI composes it: the template's values, unless the shell
     * exports the variable, unless the {@code --env-vars} file gives it.
     *
     * @param shell   the environment of the command (System.getenv() for up)
     */
    public static LocalStack start(Options options, Map<String, String> shell, EnvVarsFile envVars) {
        LocalStack stack = new LocalStack(options, shell, envVars);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        // the refusals first, before anything is created: the data in use (the most telling), then each port
        if (options.dataDir() != null) {
            try {
                Dynalite.requireUnclaimed(options.dataDir());
            } catch (DataDirectoryInUseException e) {
                throw inUse(e);
            }
        }
        checkFree(options.port(), "--port");
        checkFree(options.lambdaPort(), "--lambda-port");
        dynalite = startEngine();
        createTables();
        supervisor = new EngineSupervisor(dynalite, this::createTables, options.console());
        LocalApi api = LocalApi.read(values);
        metrics = LocalMetrics.of(values, api, options.console());
        Map<String, String> aws = LocalAwsSettings.localEngine(dynalite.endpoint());
        for (LocalFunction function : LocalFunction.all(values)) {
            FunctionEnvironment.notes(function, shell, envVars).forEach(note -> options.console().println("pwa-users: " + note));
            FunctionRunner runner = new FunctionRunner(function, FunctionEnvironment.of(function, aws, shell, envVars),
                    options.console(), options.snapStart() && function.snapStart(), metrics, options.environments());
            functions.put(function.name(), runner);
        }
        // init now, as Lambda would before the first request, and fail fast; the functions' JVMs start together
        functions.values().parallelStream().forEach(FunctionRunner::start);
        RestApiGateway gateway = new RestApiGateway(api, functions, options.console(), metrics, options.bodyGrace());
        // CloudFront's headers on every answer, the API's as the files': the browser meets here what it meets deployed
        Handler cdn = new CdnHeadersHandler(CdnResponseHeaders.read(values.template()),
                new Handler.Sequence(gateway, webApp(), gateway.missingRoute()));
        apiServer = server(options.port(), "--port", new GracefulHandler(new AccessLog("api", cdn, options.console())),
                gateway.errorHandler());
        // up's metrics beside the Invoke API, on its port: never one of the API's paths
        lambdaServer = server(options.lambdaPort(), "--lambda-port", new GracefulHandler(new Handler.Sequence(
                new MetricsEndpoint(metrics), new AccessLog("lambda", new LambdaInvokeApi(functions), options.console()))),
                LambdaInvokeApi.errorHandler());
        supervisor.start();
    }

    /**
     * Starts dynalite on the data directory, which it claims (stopping an engine that a killed {@code up} left on it),
     * and says so when it had to stop one.
     */
    private Dynalite startEngine() {
        Dynalite engine;
        try {
            engine = Dynalite.start(options.dynamodbPort(), options.dataDir());
        } catch (DataDirectoryInUseException e) {
            throw inUse(e);
        } catch (PortInUseException e) {
            throw new IllegalStateException(inUse(e.port(), "--dynamodb-port"), e);
        }
        for (long pid : engine.stoppedStaleEngines()) {
            options.console().println("pwa-users: stopped a DynamoDB engine (pid " + pid + ") that a stopped process had"
                    + " left running on " + options.dataDir());
        }
        return engine;
    }

    /** Creates every table of the template that does not exist yet (again after an engine restart). */
    private void createTables() {
        for (String table : values.template().logicalIdsOfType("AWS::DynamoDB::Table")) {
            LocalTables.ensureTable(dynalite.client(), values.template(), table, values.tableName(table));
        }
    }

    private Handler webApp() {
        Path web = options.webDir();
        if (web == null || !Files.isDirectory(web)) {
            return new PlaceholderPage();
        }
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.root().newResource(web));
        files.setDirAllowed(false);
        files.setWelcomeFiles(List.of("index.html"));
        files.setCacheControl("no-cache"); // the service worker decides what is cached
        MimeTypes.Mutable types = new MimeTypes.Mutable();
        types.addMimeMapping("webmanifest", "application/manifest+json");
        types.addMimeMapping("js", "text/javascript;charset=utf-8");
        types.addMimeMapping("mjs", "text/javascript;charset=utf-8"); // the app's modules: a script type or no import
        files.setMimeTypes(types);
        return new Handler.Wrapper(files) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                // the app's own files only: not its tools, tests or README (as deploy publishes it), and never by an
                // ambiguous path (%2F, %25), which the server admits for the API's path parameters
                return !request.getHttpURI().isAmbiguous() && !path.startsWith("/tools/") && !path.startsWith("/test/")
                        && !path.equals("/README.md") && super.handle(request, response, callback);
            }
        };
    }

    private static String threadNamePrefix(String flag) {
        return flag.substring(2) + "-";
    }

    /** A server on 127.0.0.1:port; errorHandler answers Jetty's own errors (400, 431, 500, ...). */
    private static Server server(int port, String flag, Handler handler, Request.Handler errorHandler) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName(flag.substring(2)); // Jetty names its threads with "-" and a number: threadNamePrefix(flag)
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // API Gateway passes a path parameter on as sent: /pwausers/a%2Fb reaches the function with the id a%2Fb
        http.setUriCompliance(UriCompliance.DEFAULT.with("API Gateway",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(LOOPBACK);
        connector.setPort(port);
        connector.setIdleTimeout(30_000); // a client that stalls is dropped, never holds a worker for long
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(errorHandler);
        server.setStopTimeout(0); // close() drains, within its own grace
        try {
            server.start();
        } catch (BindException e) {
            throw new IllegalStateException(inUse(port, flag), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the server on port " + port + ": " + e.getMessage(), e);
        }
        return server;
    }

    private static void checkFree(int port, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
        } catch (IOException e) {
            throw new IllegalStateException(inUse(port, flag));
        }
    }

    private static IllegalStateException inUse(DataDirectoryInUseException e) {
        return new IllegalStateException(e.getMessage() + " (another ./pwa-users up?): stop it, or give this one its own"
                + " data with --data DIR", e);
    }

    private static String inUse(int port, String flag) {
        return "port " + port + " is already in use: stop what holds it, or choose another port with " + flag + " N";
    }

    public URI apiUrl() {
        return URI.create("http://localhost:" + ((ServerConnector) apiServer.getConnectors()[0]).getLocalPort());
    }

    public URI lambdaUrl() {
        return URI.create("http://localhost:" + ((ServerConnector) lambdaServer.getConnectors()[0]).getLocalPort());
    }

    /** Where {@code up}'s metrics are, as JSON ({@link MetricsEndpoint}). */
    public URI metricsUrl() {
        return lambdaUrl().resolve(MetricsEndpoint.PATH);
    }

    /** What CloudWatch would hold of this stack's metrics (for up's console). */
    public LocalMetrics metrics() {
        return metrics;
    }

    public URI dynamodbEndpoint() {
        return URI.create("http://localhost:" + dynalite.port());
    }

    public Dynalite engine() {
        return dynalite;
    }

    public LocalValues values() {
        return values;
    }

    public List<String> functionNames() {
        return List.copyOf(functions.keySet());
    }

    /** The functions as they run, by logical id (to reload them). */
    public Map<String, FunctionRunner> functions() {
        return Map.copyOf(functions);
    }

    /**
     * How long a stop waits for the requests in flight: the longest Timeout of the functions (no request runs longer),
     * and a second for the answer to leave.
     */
    public Duration grace() {
        return Duration.ofSeconds(functions.values().stream().mapToInt(f -> f.function().timeoutSeconds()).max()
                .orElse(0) + 1L);
    }

    /**
     * Drains, then stops: the servers stop accepting and the requests in flight get their answers, within the grace;
     * those still running then (their function stuck past its Timeout, say) are answered 503 as their environments
     * stop; then the functions' processes and the engine stop.
     */
    @Override
    public synchronized void close() {
        if (supervisor != null) {
            supervisor.close();
        }
        List<Server> servers = java.util.stream.Stream.of(apiServer, lambdaServer).filter(java.util.Objects::nonNull)
                .toList();
        List<Thread> stopping = servers.stream().map(server -> {
            Thread stop = new Thread(() -> stopServer(server), "stop-" + server.getThreadPool());
            stop.start();
            return stop;
        }).toList();
        long deadline = System.nanoTime() + grace().toNanos();
        for (Thread stop : stopping) {
            join(stop, deadline);
        }
        functions.values().forEach(FunctionRunner::close); // what is still in flight is answered 503 now
        for (Thread stop : stopping) {
            join(stop, System.nanoTime() + Duration.ofSeconds(5).toNanos());
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    /** Stops a server gracefully: it takes no new connection, and stops once its requests in flight are answered. */
    private void stopServer(Server server) {
        try {
            for (var connector : server.getConnectors()) {
                ((ServerConnector) connector).close(); // no new connection, no new request from now on
            }
            GracefulHandler graceful = (GracefulHandler) server.getHandler();
            graceful.shutdown().get(); // each request in flight answered
            server.stop();
        } catch (Exception e) {
            options.console().println("pwa-users: stopping the server on " + server.getURI() + ": " + e);
        }
    }

    private static void join(Thread thread, long deadlineNanos) {
        try {
            thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
