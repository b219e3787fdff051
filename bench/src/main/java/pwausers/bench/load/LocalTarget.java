package pwausers.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import pwausers.function.contract.PwaUsersTable;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.SamTemplate;
import pwausers.local.gateway.RestApiGateway;
import pwausers.local.template.LocalApi;
import pwausers.local.template.LocalValues;
import pwausers.local.up.LocalStack;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The system under test: the local stack (gateway, function in process, dynalite) on free loopback ports, its
 * engine keeping its data in a fresh temporary directory so that items survive a kill. One per load scenario, and one
 * for the bench's gateway rows (the tests run the scenarios and their quick bench's gateway rows on one, its tables
 * emptied before each).
 */
public final class LocalTarget implements AutoCloseable {
    private final Path dataDir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final LocalStack stack;
    private final String table;

    public LocalTarget() {
        try {
            dataDir = Files.createTempDirectory("pwa-users-loadtest-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the engine's data directory", e);
        }
        // the stage's throttle out of reach: the load and the bench measure the gateway, the function and the engine
        stack = LocalStack.start(new LocalStack.Options(0, 0, 0, dataDir, null, LocalApi.THROTTLE_OUT_OF_REACH,
                new PrintStream(console, true, StandardCharsets.UTF_8)));
        table = stack.values().tableName(PwaUsersTable.LOGICAL_ID);
    }

    /** The gateway's base URL, on 127.0.0.1. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + stack.apiUrl().getPort());
    }

    /** The process ids of the function's execution environments now. */
    public List<Long> functionPids() {
        return stack.functions().values().stream().flatMap(f -> f.pids().stream()).toList();
    }

    public Dynalite engine() {
        return stack.engine();
    }

    /** The users' table, by the name the stack gave it. */
    public String table() {
        return table;
    }

    /** The template as the stack evaluated it (table names, the function's environment). */
    public LocalValues values() {
        return stack.values();
    }

    /**
     * The longest the gateway takes to answer, whatever DynamoDB does: API Gateway's integration timeout, within which
     * a request waits for an execution environment and the function runs (its Timeout from template.yaml is less).
     */
    Duration answerBound() {
        return RestApiGateway.INTEGRATION_TIMEOUT;
    }

    /** Every table of the template, empty again: a scenario on a stack that others ran on before it. */
    void emptyTables() {
        SamTemplate template = stack.values().template();
        template.logicalIdsOfType("AWS::DynamoDB::Table").forEach(table -> LocalTables.recreateTable(
                stack.engine().client(), template, table, stack.values().tableName(table)));
    }

    /** Kills the engine's processes with SIGKILL, as a crash would: no chance to flush or say goodbye. */
    void killEngine() {
        ProcessHandle engine = ProcessHandle.of(stack.engine().pid())
                .orElseThrow(() -> new IllegalStateException("the engine is not running"));
        List<ProcessHandle> all = new ArrayList<>(engine.descendants().toList());
        all.add(engine);
        all.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Waits until the engine answers for the users' table again (after the stack's supervisor restarted it).
     *
     * @return whether it did within {@code limit}
     */
    boolean awaitEngine(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (stack.engine().isRunning()) {
                    stack.engine().client().describeTable(b -> b.tableName(table));
                    return true;
                }
            } catch (SdkException | IllegalStateException notYet) {
                // down, or being restarted
            }
            sleep(100);
        }
        return false;
    }

    /** Every item of the users' table (a full scan, read consistently). */
    List<TableItem> scan() {
        List<TableItem> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = stack.engine().client().scan(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                items.add(new TableItem(text(item, PwaUsersTable.ID), text(item, PwaUsersTable.FIRSTNAME),
                        text(item, PwaUsersTable.LASTNAME)));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** What the stack said on its console besides the access log (the supervisor's restarts, errors). */
    List<String> notes() {
        String text;
        synchronized (console) {
            text = console.toString(StandardCharsets.UTF_8);
        }
        return text.lines().filter(l -> l.startsWith("pwa-users:")).toList();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
