package pwausers.local.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynaliteIT {

    private static final SamTemplate TEMPLATE = SamTemplate.read(ProjectFiles.template());

    @Test
    void start_listensOnAFreeLoopbackPortAndAnswersListTables() {
        try (Dynalite dynalite = Dynalite.start()) {
            assertThat(dynalite.isRunning()).isTrue();
            assertThat(dynalite.port()).isPositive();
            assertThat(dynalite.endpoint()).hasToString("http://127.0.0.1:" + dynalite.port());
            assertThat(dynalite.client().listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void ensureTable_createsTheTemplateTableOnceAndIsIdempotent() {
        try (Dynalite dynalite = Dynalite.start()) {
            DynamoDbClient client = dynalite.client();

            assertThat(LocalTables.ensureTable(client, TEMPLATE, "PwaUsersTable", "PwaUsers")).isTrue();
            assertThat(LocalTables.ensureTable(client, TEMPLATE, "PwaUsersTable", "PwaUsers")).isFalse();

            var table = client.describeTable(r -> r.tableName("PwaUsers")).table();
            assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
            assertThat(table.keySchema()).singleElement()
                    .satisfies(key -> assertThat(key.attributeName()).isEqualTo("PwaUserID"));
            assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
        }
    }

    @Test
    void recreateTable_waitsForTheDeletionThenGivesAnEmptyActiveTable() {
        // tables that take a while to change state, as in DynamoDB: a caller must wait on the state, not assume it
        try (Dynalite dynalite = Dynalite.start(0, null, Duration.ofMillis(200))) {
            DynamoDbClient client = dynalite.client();
            for (int round = 0; round < 3; round++) {
                LocalTables.recreateTable(client, TEMPLATE, "PwaUsersTable", "PwaUsers");
                assertThat(client.describeTable(r -> r.tableName("PwaUsers")).table().tableStatus())
                        .isEqualTo(TableStatus.ACTIVE);
                assertThat(client.scan(r -> r.tableName("PwaUsers")).count()).isZero();
                for (int batch = 0; batch < 20; batch++) {
                    List<WriteRequest> puts = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        String id = round + "-" + batch + "-" + i;
                        puts.add(WriteRequest.builder().putRequest(p -> p.item(
                                Map.of("PwaUserID", AttributeValue.fromS(id)))).build());
                    }
                    client.batchWriteItem(r -> r.requestItems(Map.of("PwaUsers", puts)));
                }
            }
        }
    }

    @Test
    void restart_keepsItemsWrittenToTheDataDir(@TempDir Path dir) {
        try (Dynalite dynalite = Dynalite.start(0, dir.resolve("data"))) {
            int port = dynalite.port();
            long firstPid = dynalite.pid();
            LocalTables.ensureTable(dynalite.client(), TEMPLATE, "PwaUsersTable", "PwaUsers");
            Map<String, AttributeValue> item = Map.of(
                    "PwaUserID", AttributeValue.fromS("abc"), "FirstName", AttributeValue.fromS("Ada"));
            dynalite.client().putItem(r -> r.tableName("PwaUsers").item(item));

            dynalite.restart();

            assertThat(dynalite.port()).isEqualTo(port);
            assertThat(dynalite.pid()).isNotEqualTo(firstPid);
            assertThat(isAlive(firstPid)).isFalse();
            assertThat(dynalite.client().getItem(r -> r.tableName("PwaUsers")
                    .key(Map.of("PwaUserID", AttributeValue.fromS("abc")))).item()).isEqualTo(item);
        }
    }

    @Test
    void stop_leavesNoProcessAndIsIdempotent() {
        try (Dynalite dynalite = Dynalite.start()) {
            long pid = dynalite.pid();

            dynalite.stop();
            dynalite.stop();

            assertThat(dynalite.isRunning()).isFalse();
            assertThat(isAlive(pid)).isFalse();
        }
    }

    @Test
    void start_onAPortInUse_failsNamingThePort_andCreatesNoDataDirectory(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Dynalite.start(port, dir.resolve("data")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("already in use");
            assertThat(dir.resolve("data")).doesNotExist();
        }
    }

    @Test
    void freeze_makesCallsTimeOutUntilResume() {
        try (Dynalite dynalite = Dynalite.start()) {
            DynamoDbClient client = dynalite.client();

            dynalite.freeze();
            assertThat(dynalite.isRunning()).isTrue();
            assertThatThrownBy(() -> client.listTables(r -> r.overrideConfiguration(
                    c -> c.apiCallTimeout(Duration.ofMillis(300)))))
                    .isInstanceOf(ApiCallTimeoutException.class);

            dynalite.resume();
            assertThat(client.listTables(r -> r.overrideConfiguration(
                    c -> c.apiCallTimeout(Duration.ofSeconds(5)))).tableNames()).isEmpty();
        }
    }

    @Test
    void aFreezeOrResumeByAnInterruptedThread_isDone_andTheInterruptKept() {
        try (Dynalite dynalite = Dynalite.start()) {
            DynamoDbClient client = dynalite.client();

            Thread.currentThread().interrupt(); // as the SDK's timeout interrupts a test that freezes from a call
            dynalite.freeze();
            assertThat(Thread.interrupted()).as("the interrupt, kept").isTrue();
            assertThatThrownBy(() -> client.listTables(r -> r.overrideConfiguration(
                    c -> c.apiCallTimeout(Duration.ofMillis(300)))))
                    .isInstanceOf(ApiCallTimeoutException.class);

            Thread.currentThread().interrupt();
            dynalite.resume();
            assertThat(Thread.interrupted()).as("the interrupt, kept").isTrue();
            assertThat(client.listTables(r -> r.overrideConfiguration(
                    c -> c.apiCallTimeout(Duration.ofSeconds(5)))).tableNames()).isEmpty();
        }
    }

    @Test
    void close_stopsAFrozenProcess() {
        Dynalite dynalite = Dynalite.start();
        long pid = dynalite.pid();
        dynalite.freeze();

        dynalite.close();

        assertThat(isAlive(pid)).isFalse();
        assertThat(dynalite.logFile()).doesNotExist();
    }

    @Test
    void start_onADataDirInUse_isRefusedNamingTheHoldersPid_andTheFirstEngineGoesOn(@TempDir Path dir) {
        Path data = dir.resolve("data");
        try (Dynalite first = Dynalite.start(0, data)) {
            LocalTables.ensureTable(first.client(), TEMPLATE, "PwaUsersTable", "PwaUsers");

            assertThatThrownBy(() -> Dynalite.start(0, data))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("in use by pid " + ProcessHandle.current().pid());

            assertThat(first.client().listTables().tableNames()).containsExactly("PwaUsers");
        }
        try (Dynalite again = Dynalite.start(0, data)) { // released by close()
            assertThat(again.client().listTables().tableNames()).containsExactly("PwaUsers");
        }
    }

    @Test
    void start_stopsAnEngineWhoseOwnerIsGone_thenServesTheSameData(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        int port;
        try (Dynalite first = Dynalite.start(0, data)) {
            port = first.port();
            LocalTables.ensureTable(first.client(), TEMPLATE, "PwaUsersTable", "PwaUsers");
        }
        // an engine as an older version started it, then orphaned: no guard on its stdin, its parent gone (setsid -f)
        Process orphanMaker = new ProcessBuilder("setsid", "-f", "node", ProjectFiles.dynaliteCli().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--path", data.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        orphanMaker.waitFor();
        ProcessHandle orphan = awaitEngineOn(data, port);
        try {
            try (Dynalite dynalite = Dynalite.start(port, data)) {
                assertThat(dynalite.stoppedStaleEngines()).containsExactly(orphan.pid());
                assertThat(orphan.isAlive()).isFalse();
                assertThat(dynalite.client().listTables().tableNames()).containsExactly("PwaUsers");
            }
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aRequestFromAWebPageOfAnotherOrigin_isRefusedWithoutCorsHeaders_andNothingIsWritten() {
        try (Dynalite dynalite = Dynalite.start()) {
            LocalTables.ensureTable(dynalite.client(), TEMPLATE, "PwaUsersTable", "PwaUsers");
            String put = "{\"TableName\":\"PwaUsers\",\"Item\":{\"PwaUserID\":{\"S\":\"from-a-page\"}}}";

            HttpResponse<String> preflight = send(dynalite, "OPTIONS", "", Map.of("Origin", "https://evil.example",
                    "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "authorization,content-type,x-amz-date,x-amz-target"));
            HttpResponse<String> write = send(dynalite, "POST", put, Map.of("Origin", "https://evil.example"));
            HttpResponse<String> nextPort = send(dynalite, "POST", put, Map.of("Origin", "http://localhost:"
                    + (dynalite.port() + 1)));
            HttpResponse<String> noOrigin = send(dynalite, "POST", put, Map.of("Sec-Fetch-Site", "cross-site"));

            for (HttpResponse<String> refused : List.of(preflight, write, nextPort, noOrigin)) {
                assertThat(refused.statusCode()).as(refused.request().method() + " " + refused.headers())
                        .isEqualTo(403);
                assertThat(refused.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            }
            assertThat(write.body()).contains("AccessDeniedException", "does not answer web pages");
            assertThat(dynalite.client().scan(r -> r.tableName("PwaUsers")).count()).isZero();
        }
    }

    @Test
    void aClientThatSendsNoOrigin_orTheEnginesOwn_isServed() {
        try (Dynalite dynalite = Dynalite.start()) {
            LocalTables.ensureTable(dynalite.client(), TEMPLATE, "PwaUsersTable", "PwaUsers");
            String put = "{\"TableName\":\"PwaUsers\",\"Item\":{\"PwaUserID\":{\"S\":\"plain\"}}}";

            assertThat(send(dynalite, "POST", put, Map.of()).statusCode()).isEqualTo(200);
            assertThat(send(dynalite, "POST", put, Map.of("Origin", "http://127.0.0.1:" + dynalite.port(),
                    "Sec-Fetch-Site", "same-origin")).statusCode()).isEqualTo(200);
            assertThat(dynalite.client().scan(r -> r.tableName("PwaUsers")).count()).isOne();
        }
    }

    @Test
    void requestsWhoseClientsLeaveMidWay_areDropped_andTheSameEngineServesOn() throws Exception {
        try (Dynalite dynalite = Dynalite.start()) {
            long pid = dynalite.pid();
            byte[] nineMegabytes = new byte[9 * 1024 * 1024];
            Arrays.fill(nineMegabytes, (byte) 'a');

            for (int i = 0; i < 20; i++) {
                sendThenReset(dynalite, 1000, "abcdef".getBytes(StandardCharsets.US_ASCII));
            }
            sendThenReset(dynalite, nineMegabytes.length + 1, nineMegabytes); // reset as its body ends

            awaitLogLines(dynalite, "pwa-users engine guard: dropped a request", 21);
            assertThat(dynalite.pid()).isEqualTo(pid);
            assertThat(dynalite.client().listTables().tableNames()).isEmpty();
        }
    }

    /** A PutItem (or a preflight) as DynamoDB's wire protocol has it, signed with dummy credentials, with extra headers. */
    private static HttpResponse<String> send(Dynalite dynalite, String method, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(dynalite.endpoint())
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.PutItem")
                .header("X-Amz-Date", "20260101T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request,"
                        + " SignedHeaders=host;x-amz-date;x-amz-target, Signature=0");
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Sends a ListTables with that Content-Length and that much of a body, then resets the connection (SO_LINGER 0),
     * as a client that crashed or gave up would.
     */
    private static void sendThenReset(Dynalite dynalite, int contentLength, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), dynalite.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: " + contentLength + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.setSoLinger(true, 0);
        }
    }

    /** Waits (up to 30 s) until the engine's log has that many lines containing the text. */
    private static void awaitLogLines(Dynalite dynalite, String text, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long found;
        while ((found = Files.readAllLines(dynalite.logFile()).stream().filter(l -> l.contains(text)).count()) < count) {
            assertThat(dynalite.isRunning()).as("the engine is running; its log:%n%s",
                    Files.readString(dynalite.logFile())).isTrue();
            assertThat(System.nanoTime()).as("%d lines '%s' within 30 s, not %d", count, text, found)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The orphaned dynalite on that data directory, once it listens. */
    private static ProcessHandle awaitEngineOn(Path data, int port) throws InterruptedException {
        String path = data.toAbsolutePath().toString();
        for (int i = 0; i < 300; i++) {
            var found = ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                    .map(a -> List.of(a).contains(path)).orElse(false)).findFirst();
            if (found.isPresent() && accepts(port)) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the orphaned engine did not start");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
