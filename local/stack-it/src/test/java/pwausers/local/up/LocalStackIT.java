package pwausers.local.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.LoggedPath;
import pwausers.function.contract.ResponseFields;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.template.LocalApi;
import pwausers.local.testing.Http;
import pwausers.local.testing.JsonTrees;
import pwausers.local.testing.RawClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole local system from template.yaml, on free ports: the real function, the real engine, real HTTP. The tests
 * share the test JVM's stack ({@link SharedStack}), each starting from empty tables and a quiet console; a test that
 * stops, restarts or kills its stack or its engine starts one of its own ({@link #ownStack()}).
 */
class LocalStackIT {
    private static final String WORKSHOP_BODY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";
    private static final PrintStream console = SharedStack.CONSOLE;
    private LocalStack shared;

    @TempDir
    Path data;
    private LocalStack stack;

    @BeforeEach
    void emptyTablesAndAQuietConsole() {
        shared = SharedStack.fresh();
        stack = shared;
    }

    /** With the stage's throttle out of reach: 64 requests at once must all be served (StageThrottlingIT tests it). */
    private static LocalStack start(Path dataDir) {
        return LocalStack.start(new LocalStack.Options(0, 0, 0, dataDir, ProjectFiles.root().resolve("web"),
                LocalApi.THROTTLE_OUT_OF_REACH, console));
    }

    /** A stack of this test's own, on its own data, closed after the test; {@link #stack} from now on. */
    private LocalStack ownStack() {
        stack = start(data);
        return stack;
    }

    @AfterEach
    void stopAStackOfItsOwn() {
        if (stack != null && stack != shared) {
            stack.close();
        }
    }

    private URI api(String path) {
        return stack.apiUrl().resolve(path);
    }

    private int itemCount() {
        return stack.engine().client().scan(b -> b.tableName("PwaUsers")).count();
    }

    private Map<String, AttributeValue> item(String id) {
        return stack.engine().client().getItem(b -> b.tableName("PwaUsers").consistentRead(true)
                .key(Map.of("PwaUserID", AttributeValue.fromS(id)))).item();
    }

    private static String id(HttpResponse<String> response) {
        return JsonTrees.tree(response.body()).required(ResponseFields.ID).asText();
    }

    @Test
    void theWorkshopsPost_gets201_andTheItemIsInTheEngine() {
        HttpResponse<String> response = Http.postJson(api("/pwausers"), WORKSHOP_BODY);

        assertThat(response.statusCode()).isEqualTo(201);
        String id = id(response);
        assertThat(response.body()).isEqualTo("{\"PwaUserId\":\"" + id
                + "\",\"Firstname\":\"Mickey\",\"Lastname\":\"Mouse\",\"Message\":\"Successfully added user!\"}");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Location")).hasValue("/pwausers/" + id);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(item(id)).containsEntry("Firstname", AttributeValue.fromS("Mickey"))
                .containsEntry("Lastname", AttributeValue.fromS("Mouse")).containsKey("CreatedAt");
        assertThat(SharedStack.console()).contains("POST", "/pwausers", "201")
                .doesNotContain("Mickey");
    }

    @Test
    void anEntry_isReadBackAtItsLocation_thenDeleted_throughTheGateway() {
        HttpResponse<String> created = Http.postJson(api("/pwausers"), WORKSHOP_BODY);
        String id = id(created);
        URI entry = api(created.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> read = Http.send(HttpRequest.newBuilder(entry).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).startsWith("{\"PwaUserId\":\"" + id + "\",\"Firstname\":\"Mickey\","
                + "\"Lastname\":\"Mouse\",\"CreatedAt\":\"" + item(id).get("CreatedAt").s() + "\"}");
        assertThat(read.headers().firstValue(HeaderNames.CACHE_CONTROL)).hasValue("no-store");
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

        HttpResponse<String> deleted = Http.send(HttpRequest.newBuilder(entry).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(deleted.headers().allValues("Content-Type")).as("no content, no type").isEmpty();
        assertThat(item(id)).isEmpty();
        assertThat(Http.send(HttpRequest.newBuilder(entry).GET()).statusCode()).isEqualTo(404);
        assertThat(Http.send(HttpRequest.newBuilder(entry).DELETE()).statusCode()).isEqualTo(404);
        assertThat(Http.send(HttpRequest.newBuilder(api("/pwausers/not-an-id")).GET()).statusCode()).isEqualTo(400);
        assertThat(Http.send(HttpRequest.newBuilder(api("/pwausers/gnp%E2%80%AE.exe")).GET()).statusCode())
                .as("an id with a right-to-left override").isEqualTo(400);
        assertThat(SharedStack.console())
                .as("the console: the function's log and the gateway's")
                .contains("GET", "/pwausers/" + id.substring(0, LoggedPath.ID_PREFIX_CHARS) + "...", "204")
                .contains("/pwausers/gnp%E2%80%AE.exe").doesNotContain(id, "Mickey", "\u202e");
    }

    @Test
    void pathParameters_areMatchedAndPassedOn_asApiGatewayDoes() {
        String id = id(Http.postJson(api("/pwausers"), WORKSHOP_BODY));
        // a trailing slash is ignored when matching a route, and kept in the event's path
        assertThat(Http.send(HttpRequest.newBuilder(api("/pwausers/" + id + "/")).GET()).statusCode()).isEqualTo(200);
        assertThat(Http.postJson(api("/pwausers/"), WORKSHOP_BODY).statusCode()).isEqualTo(201);
        // the path is passed on as sent, percent-encoded: %41 is not the id's A, %2F does not split the segment
        String encoded = "%" + Integer.toHexString(id.charAt(0)).toUpperCase(java.util.Locale.ROOT) + id.substring(1);
        HttpResponse<String> notAnId = Http.send(HttpRequest.newBuilder(api("/pwausers/" + encoded)).GET());
        assertThat(notAnId.statusCode()).as(notAnId.body()).isEqualTo(400);
        HttpResponse<String> slash = Http.send(HttpRequest.newBuilder(api("/pwausers/" + id.substring(0, 10) + "%2F"
                + id.substring(13))).GET());
        assertThat(slash.statusCode()).as(slash.body()).isEqualTo(400);
        assertThat(slash.body()).contains("An id is 22 characters");
        // an empty id is none: /pwausers/ is /pwausers, which has no GET
        assertThat(Http.send(HttpRequest.newBuilder(api("/pwausers/")).GET()).statusCode()).isEqualTo(403);
        // the server admits an encoded slash for the API; the web app's files are never served by one
        assertThat(Http.send(HttpRequest.newBuilder(api("/manifest.webmanifest")).GET()).statusCode()).isEqualTo(200);
        assertThat(Http.send(HttpRequest.newBuilder(api("/icons%2F..%2Fmanifest.webmanifest")).GET()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void badInput_throughTheGateway_getsItsStatus_andWritesNothing() {
        assertThat(Http.postJson(api("/pwausers"), "{\"fname\":\"Mickey\"}").statusCode()).isEqualTo(400);
        assertThat(Http.send(HttpRequest.newBuilder(api("/pwausers")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(WORKSHOP_BODY))).statusCode()).isEqualTo(415);
        assertThat(Http.postJson(api("/pwausers"), "{\"fname\":\"" + "x".repeat(20_000) + "\",\"lname\":\"M\"}")
                .statusCode()).isEqualTo(413);
        assertThat(itemCount()).isZero();
    }

    @Test
    void routesAndCors_comeFromTheTemplate() {
        HttpResponse<String> preflight = Http.send(HttpRequest.newBuilder(api("/pwausers"))
                .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(200);
        Object allowMethods = ((Map<?, ?>) stack.values().template().properties("PwaUsersApi").get("Cors"))
                .get("AllowMethods");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValue(String.valueOf(allowMethods).replace("'", "")).get().asString().contains("GET", "DELETE");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type,Idempotency-Key");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

        HttpResponse<String> get = Http.send(HttpRequest.newBuilder(api("/pwausers")).GET());
        assertThat(get.statusCode()).isEqualTo(403);
        assertThat(get.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(Http.postJson(api("/users"), WORKSHOP_BODY).statusCode()).isEqualTo(403);
    }

    @Test
    void aParameterOverride_changesTheOriginTheFunctionAndThePreflightAllow() {
        stack = LocalStack.start(new LocalStack.Options(0, 0, 0, data, null,
                Map.of("AllowedOrigin", "https://app.example.com"), console));

        assertThat(Http.postJson(api("/pwausers"), WORKSHOP_BODY).headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("https://app.example.com");
        assertThat(Http.send(HttpRequest.newBuilder(api("/pwausers")).header("Origin", "https://app.example.com")
                        .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()))
                .headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
    }

    @Test
    void theWebApp_isServedAtTheRoot() {
        HttpResponse<String> page = Http.send(HttpRequest.newBuilder(api("/")).GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }

    @Test
    void aSecondStart_onTheSameData_findsEveryItemIntact() {
        ownStack();
        String first = id(Http.postJson(api("/pwausers"), WORKSHOP_BODY));
        String second = id(Http.postJson(api("/pwausers"), "{\"fname\":\"José\",\"lname\":\"李\"}"));
        stack.close();

        stack = start(data);

        assertThat(itemCount()).isEqualTo(2);
        assertThat(item(first).get("Firstname").s()).isEqualTo("Mickey");
        assertThat(item(second).get("Lastname").s()).isEqualTo("李");
    }

    @Test
    void whenTheEngineDies_requestsGet503_theConsoleSaysSo_andItComesBack() throws Exception {
        ownStack();
        Http.postJson(api("/pwausers"), WORKSHOP_BODY);
        long pid = stack.engine().pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());

        HttpResponse<String> during = Http.postJson(api("/pwausers"), WORKSHOP_BODY);
        assertThat(during.statusCode()).isIn(201, 503); // 201 only if the engine was already back in time
        if (during.statusCode() == 503) {
            assertThat(during.headers().firstValue("Retry-After")).isPresent();
        }

        HttpResponse<String> after = null;
        for (int i = 0; i < 100 && (after == null || after.statusCode() != 201); i++) {
            Thread.sleep(100);
            after = Http.postJson(api("/pwausers"), WORKSHOP_BODY);
        }
        assertThat(after.statusCode()).isEqualTo(201);
        for (int i = 0; i < 200 && !SharedStack.console().contains("the DynamoDB engine is back"); i++) {
            Thread.sleep(100); // the engine answers a moment before the supervisor says so
        }
        assertThat(SharedStack.console()).contains("the DynamoDB engine (dynalite) stopped")
                .contains("the DynamoDB engine is back");
        int expected = during.statusCode() == 201 ? 3 : 2;
        assertThat(itemCount()).as("every 201 has its item, and no other").isEqualTo(expected);
    }

    @Test
    void twentyRequestsToTheEngine_halfSentThenReset_leaveTheSameEngineServing_withNoRestart() throws Exception {
        long pid = stack.engine().pid();
        String halfARequest = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 1000\r\n\r\nabcdef";

        for (int i = 0; i < 20; i++) {
            RawClient.send(stack.dynamodbEndpoint(), halfARequest).reset();
        }

        // the engine's guard notes each drop in the engine's log: the exact sign that all twenty were handled
        Path engineLog = stack.engine().logFile();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Files.readAllLines(engineLog).stream().filter(l -> l.contains("dropped a request")).count() < 20) {
            assertThat(System.nanoTime()).as("twenty drops within 30 s; the engine's log:%n%s",
                    Files.readString(engineLog)).isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(stack.engine().pid()).isEqualTo(pid);
        assertThat(Http.postJson(api("/pwausers"), WORKSHOP_BODY).statusCode()).isEqualTo(201);
        assertThat(SharedStack.console()).doesNotContain("the DynamoDB engine (dynalite) stopped");
    }

    @Test
    void concurrentRequests_areServedInParallel_eachWithItsOwnItem() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Callable<HttpResponse<String>>> posts = java.util.Collections.nCopies(64,
                    () -> Http.postJson(api("/pwausers"), WORKSHOP_BODY));
            List<Future<HttpResponse<String>>> answers = clients.invokeAll(posts);
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(201);
                ids.add(id(answer.get()));
            }
            assertThat(ids).hasSize(64);
            assertThat(itemCount()).isEqualTo(64);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theLambdaInvokeApi_runsTheFunctionByItsTemplateName() throws Exception {
        byte[] event = Files.readAllBytes(ProjectFiles.eventsDir().resolve("workshop-test-event.json"));
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(
                        stack.lambdaUrl().resolve("/2015-03-31/functions/AddPwaUser/invocations"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonTrees.tree(response.body()).required("statusCode").asInt()).isEqualTo(201);

        HttpResponse<String> unknown = Http.send(HttpRequest.newBuilder(
                        stack.lambdaUrl().resolve("/2015-03-31/functions/NoSuchFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event)));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
    }

    @Test
    void close_stopsTheEngineProcess() {
        ownStack();
        long pid = stack.engine().pid();
        stack.close();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        stack = null;
    }

    @Test
    void aPortInUse_isAClearErrorNamingThePortAndTheFlag_andNoDataFolderIsCreated(@TempDir Path tmp) throws Exception {
        int taken = stack.apiUrl().getPort();
        Path otherData = tmp.resolve("data");
        try {
            LocalStack.start(new LocalStack.Options(taken, 0, 0, otherData, null, Map.of(), console)).close();
            throw new AssertionError("started on a port in use");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).contains("port " + taken, "--port");
        }
        assertThat(otherData).doesNotExist();
    }

    @Test
    void theConsole_andTheFunctionsLog_neverShowTheSubmittedNames() {
        List<String> names = List.of("Zyxwvut", "Qwertzuio", "José-Ünïque", "李小龍");
        for (String name : names) {
            Http.postJson(api("/pwausers"), "{\"fname\":\"" + name + "\",\"lname\":\"" + name + "\"}");
        }
        Http.postJson(api("/pwausers"), "{\"fname\":\"Zyxwvut\",\"lname\":\"" + "Q".repeat(150) + "\"}"); // refused

        assertThat(itemCount()).isEqualTo(names.size());
        String console = SharedStack.console();
        assertThat(console).contains("\"status\":201", "\"status\":400");
        for (String name : names) {
            assertThat(console).doesNotContain(name);
        }
        assertThat(console).doesNotContain("QQQQQQQQ");
    }

    @Test
    void requestHeadersOverTheLimit_get431InTheShapeOfEachApi_andTheServersGoOn() {
        HttpResponse<String> huge = Http.send(HttpRequest.newBuilder(api("/pwausers"))
                .header("Content-Type", "application/json").header("X-Huge", "h".repeat(20_000))
                .POST(HttpRequest.BodyPublishers.ofString(WORKSHOP_BODY)));

        assertThat(huge.statusCode()).isEqualTo(431);
        assertThat(huge.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
        assertThat(huge.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(huge.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(itemCount()).isZero();
        assertThat(Http.postJson(api("/pwausers"), WORKSHOP_BODY).statusCode()).isEqualTo(201);

        HttpResponse<String> toLambda = Http.send(HttpRequest.newBuilder(
                        stack.lambdaUrl().resolve("/2015-03-31/functions/AddPwaUser/invocations"))
                .header("X-Huge", "h".repeat(20_000)).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(toLambda.statusCode()).isEqualTo(431);
        assertThat(toLambda.body()).isEqualTo("{\"Type\":\"User\",\"message\":\"Request Header Fields Too Large\"}");
        assertThat(toLambda.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(toLambda.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestContentException");
    }
}
