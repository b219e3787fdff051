package pwausers.local.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.contract.Environment;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.function.testkit.TestContext;
import pwausers.local.engine.LocalEngine;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.testing.Http;
import pwausers.local.testing.JsonTrees;
import pwausers.local.testing.RawAnswer;
import pwausers.local.testing.UpProcess;
import pwausers.local.testing.UpProcess.Ports;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./pwa-users up} as a process, with the command line the script ends with: what it prints, the real aws
 * CLI against its endpoints, {@code invoke} finding it, SIGTERM leaving no process behind, data kept across runs.
 * The tests that need an up on the defaults and leave it running share the test JVM's ({@link SharedUp}).
 */
class UpCommandIT {
    @TempDir
    Path tmp;
    private final List<UpProcess> ups = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        ups.forEach(UpProcess::close);
    }

    private ProcessBuilder cli(String... args) {
        return UpProcess.command(tmp.resolve("state"), args);
    }

    /** Starts up and waits for its banner; the rest of its output keeps flowing into its {@link UpProcess#output()}. */
    private UpProcess up(Ports ports, String... more) {
        // --no-reload: an edit to the function while the tests run must not start builds in them
        List<String> args = new ArrayList<>(List.of("--no-reload"));
        args.addAll(List.of(more));
        UpProcess up = UpProcess.start(tmp.resolve("state"), tmp.resolve("data"), ports, Map.of(),
                args.toArray(String[]::new));
        ups.add(up);
        return up.awaitBanner();
    }

    private static String run(ProcessBuilder builder) throws Exception {
        return execute(builder, true);
    }

    /** Runs a command that must fail, and returns what it printed. */
    private static String failed(ProcessBuilder builder) throws Exception {
        return execute(builder, false);
    }

    private static String execute(ProcessBuilder builder, boolean succeeds) throws Exception {
        Process process = builder.redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue() == 0).as(out).isEqualTo(succeeds);
        return out;
    }

    private static boolean hasAwsCli() {
        return List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "aws")));
    }

    private ProcessBuilder aws(String... args) {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectFiles.root().toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", ""));
        return builder;
    }

    @Test
    void up_servesTheWorkshopsPost_theAwsCliSeesIt_andSigtermLeavesNothingBehind() throws Exception {
        Ports ports = Ports.free();
        UpProcess up = up(ports);
        assertThat(up.output()).contains("POST http://localhost:" + ports.api() + "/pwausers",
                "GET http://localhost:" + ports.api() + "/pwausers/{id}", "http://localhost:" + ports.dynamodb(), "http://localhost:" + ports.lambda(), "aws lambda invoke");

        var created = Http.postJson(ports.api("/pwausers"),
                "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JsonTrees.tree(created.body()).required(ResponseFields.ID).asText();

        String invoked = run(cli("invoke", "events/workshop-test-event.json"));
        assertThat(invoked).contains("using the DynamoDB engine of the running ./pwa-users up", "\\\"Mickey\\\"");
        assertThat(invoked).as("the runtime client's error for a call cut by the stop").doesNotContain("LAMBDA_RUNTIME");

        Path state = tmp.resolve("state").resolve("up-" + up.pid() + ".properties"); // up's, for invoke
        assertThat(state).exists();
        List<ProcessHandle> children = up.process().descendants().toList();
        assertThat(children).isNotEmpty(); // dynalite
        up.process().toHandle().destroy(); // SIGTERM, like Ctrl-C's SIGINT (Process.destroy would also close our end of its output)
        up.awaitExit(Duration.ofSeconds(15)); // up stops within seconds
        for (ProcessHandle child : children) {
            child.onExit().get(5, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
        }
        assertThat(up.output()).contains("pwa-users: stopped");
        assertThat(state).doesNotExist();

        Process again = up(ports).process();
        try {
            assertThat(Http.postJson(ports.api("/pwausers"),
                    "{\"fname\":\"Minnie\",\"lname\":\"Mouse\"}").statusCode()).isEqualTo(201);
            if (hasAwsCli()) {
                String scan = run(aws("dynamodb", "scan", "--endpoint-url", "http://localhost:" + ports.dynamodb(),
                        "--table-name", PwaUsersTable.DEFAULT_NAME, "--output", "json"));
                assertThat(scan).contains(id, "\"Mickey\"", "\"Minnie\"");
                assertThat(JsonTrees.tree(scan).required("Count").asText()).isEqualTo("3");
            }
        } finally {
            again.destroy();
            again.waitFor(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void anotherUpOnOtherData_startedAndStopped_leavesInvokeStoringIntoTheFirst() throws Exception {
        SharedUp shared = SharedUp.get();
        UpProcess a = shared.up();
        Ports portsA = shared.ports();
        Path state = shared.stateDir();
        UpProcess b = UpProcess.start(state, tmp.resolve("other-data"), Ports.free(), Map.of(), "--no-reload");
        ups.add(b);
        b.awaitBanner();
        b.process().toHandle().destroy(); // SIGTERM
        b.awaitExit(Duration.ofSeconds(30));
        assertThat(b.output()).contains("pwa-users: stopped");

        Invoked invoked = invokeUntilStored(state);

        assertThat(invoked.stderr()).contains("the running ./pwa-users up (pid " + a.pid() + ")",
                "http://localhost:" + portsA.dynamodb());
        String id = JsonTrees.tree(invoked.answer().required("body").asText()).required(ResponseFields.ID).asText();
        try (DynamoDbClient engine = LocalEngine.clientOf(portsA.dynamodbEndpoint())) {
            // a 503 before the 201 may have stored its entry too: each item is Mickey, one of them the 201's
            assertThat(engine.scan(r -> r.tableName(PwaUsersTable.DEFAULT_NAME)).items())
                    .anySatisfy(item -> assertThat(item.get(PwaUsersTable.ID).s()).isEqualTo(id))
                    .allSatisfy(item -> assertThat(item.get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Mickey"));
        }
    }

    /** What {@code ./pwa-users invoke} printed: the function's answer (stdout) and what it said of its way (stderr). */
    private record Invoked(JsonNode answer, String stderr) {
    }

    /**
     * {@code ./pwa-users invoke} of the workshop's event, sent again (at most three times) while the function answers
     * its 503: a fresh function process's first DynamoDB call on a busy machine may outlast the function's bound, and
     * the 503 says to retry. Fails unless it ends in a 201.
     */
    private static Invoked invokeUntilStored(Path state) throws Exception {
        Invoked invoked = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            Process invoke = UpProcess.command(state, "invoke", "events/workshop-test-event.json").start();
            invoke.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(invoke.getErrorStream()));
            String stdout = readAll(invoke.getInputStream());
            assertThat(invoke.waitFor(60, TimeUnit.SECONDS)).isTrue();
            invoked = new Invoked(JsonTrees.tree(stdout), stderr.get(60, TimeUnit.SECONDS));
            assertThat(invoke.exitValue()).as(invoked.stderr()).isZero();
            if (!"503".equals(invoked.answer().required("statusCode").asText())) {
                break;
            }
        }
        assertThat(invoked.answer().required("statusCode").asText()).as(invoked.stderr()).isEqualTo("201");
        return invoked;
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One up with a parameter and an env-vars file, reached by the web, ./pwa-users invoke and the aws CLI. */
    @Test
    void invokeAndTheAwsCli_reachTheFunctionOfTheRunningUp_withItsParametersAndEnvVars() throws Exception {
        Ports ports = Ports.free();
        Path envVars = tmp.resolve("env.json");
        Files.writeString(envVars, "{\"" + TestContext.FUNCTION_NAME + "\": {\"" + Environment.ALLOWED_ORIGIN
                + "\": \"https://env.example\"}}");
        Process up = up(ports, "--parameter", "TableName=MyUsers", "--env-vars", envVars.toString()).process();

        var created = Http.postJson(ports.api("/pwausers"),
                "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue(HeaderNames.ALLOW_ORIGIN)).hasValue("https://env.example");

        Process invoke = cli("invoke", "events/workshop-test-event.json").start();
        invoke.getOutputStream().close();
        String stdout = new String(invoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(invoke.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(invoke.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(invoke.exitValue()).as(stderr).isZero();
        JsonNode result = JsonTrees.tree(stdout);
        assertThat(result.required("statusCode").asText()).as(stderr).isEqualTo("201");
        assertThat(result.required("headers").required(HeaderNames.ALLOW_ORIGIN).asText())
                .isEqualTo("https://env.example");
        assertThat(stderr).contains("the running ./pwa-users up (pid " + up.pid() + ")",
                "http://localhost:" + ports.dynamodb(), "TableName=MyUsers");
        assertThat(stderr).doesNotContain("LAMBDA_RUNTIME");
        int items = 2;

        if (hasAwsCli()) { // .ci/run installs it
            Path out = tmp.resolve("out.json");
            String answer = run(aws("lambda", "invoke", "--function-name", TestContext.FUNCTION_NAME, "--endpoint-url",
                    "http://localhost:" + ports.lambda(), "--payload", "fileb://events/workshop-test-event.json",
                    out.toString()));
            assertThat(answer).contains("\"StatusCode\": 200");
            JsonNode invoked = JsonTrees.tree(Files.readString(out));
            assertThat(invoked.required("statusCode").asText()).isEqualTo("201");
            assertThat(invoked.required("body").asText())
                    .contains("\"" + ResponseFields.FIRSTNAME + "\":\"Mickey\"");
            items++;

            Process unknown = aws("lambda", "invoke", "--function-name", "NoSuchFunction", "--endpoint-url",
                    "http://localhost:" + ports.lambda(), "--payload", "fileb://events/workshop-test-event.json",
                    tmp.resolve("x.json").toString()).redirectErrorStream(true).start();
            String error = new String(unknown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(unknown.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(unknown.exitValue()).isNotZero();
            assertThat(error).contains("ResourceNotFoundException", "Function not found");

            // refused before the function runs, as Lambda refuses them: a payload that is not JSON, another account
            Path notJson = Files.writeString(tmp.resolve("not-json.txt"), "not json");
            String refused = failed(aws("lambda", "invoke", "--function-name", TestContext.FUNCTION_NAME,
                    "--endpoint-url", "http://localhost:" + ports.lambda(), "--payload", "fileb://" + notJson,
                    tmp.resolve("y.json").toString()));
            assertThat(refused).contains("InvalidRequestContentException", "Could not parse request body into json");
            String otherAccount = failed(aws("lambda", "invoke", "--function-name",
                    "arn:aws:lambda:us-east-1:111122223333:function:" + TestContext.FUNCTION_NAME,
                    "--endpoint-url", "http://localhost:" + ports.lambda(), "--payload",
                    "fileb://events/workshop-test-event.json", tmp.resolve("z.json").toString()));
            assertThat(otherAccount).contains("AccessDeniedException",
                    "is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:111122223333");
        }
        try (DynamoDbClient engine = LocalEngine.clientOf(ports.dynamodbEndpoint())) {
            assertThat(engine.scan(b -> b.tableName("MyUsers")).count()).isEqualTo(items);
        }
        up.destroy();
        up.waitFor(15, TimeUnit.SECONDS);
    }

    @Test
    void connectRequests_getApiGatewaysAnswers_quietly() throws Exception {
        UpProcess up = SharedUp.get().up();
        Ports ports = SharedUp.get().ports();
        int mark = up.lineCount(); // its POST's line comes after this
        URI api = ports.api("");

        RawAnswer toAHost = RawAnswer.of(api, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
                Duration.ofSeconds(30));
        RawAnswer toAPath = RawAnswer.of(api, "CONNECT /pwausers HTTP/1.1\r\nHost: localhost\r\n\r\n",
                Duration.ofSeconds(30));
        assertThat(toAHost.status()).as(toAHost.head()).isEqualTo(403); // a method API Gateway does not route
        assertThat(toAHost.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(toAPath.status()).as(toAPath.head()).isEqualTo(400); // CONNECT takes a host:port, not a path
        assertThat(toAPath.body()).isEqualTo("{\"message\":\"Bad Request\"}");

        // a warning would be printed before its answer was sent: once a later request's line is out, it would be too
        assertThat(Http.postJson(ports.api("/pwausers"), "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}").statusCode())
                .isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (up.outputSince(mark).stream().noneMatch(line -> line.matches(".* POST +/pwausers +201 .*"))) {
            assertThat(System.nanoTime()).as("the POST's console line within 30 s:%n%s", up.output()).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(up.output()).doesNotContain("WARN", "Bad Authority");
    }

    @Test
    void aPortInUse_isAClearErrorNamingTheFlag() throws Exception {
        Ports ports = Ports.free();
        try (ServerSocket taken = new ServerSocket(ports.dynamodb(), 1, InetAddress.getByName("127.0.0.1"))) {
            UpProcess up = UpProcess.start(tmp.resolve("state"), tmp.resolve("data"), ports);
            ups.add(up);

            assertThat(up.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(up.output()).contains("port " + ports.dynamodb() + " is already in use", "--dynamodb-port");
            assertThat(tmp.resolve("data")).as("the data folder of an up refused").doesNotExist();
        }
    }
}
