package pwausers.local.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.local.engine.LocalEngine;
import pwausers.local.testing.Http;
import pwausers.local.testing.JsonTrees;
import pwausers.local.testing.UpProcess;
import pwausers.local.testing.UpProcess.Ports;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./pwa-users up} killed with kill -9 (no shutdown hook runs): its engine goes with it, the next {@code up}
 * on the same data and ports starts and finds every item, and two {@code up}s never share one data directory.
 */
class UpKilledIT {
    private static final String WORKSHOP_BODY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";

    @TempDir
    Path tmp;
    private final List<UpProcess> ups = new ArrayList<>();
    private final List<ProcessHandle> engines = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        ups.forEach(UpProcess::close);
        engines.forEach(ProcessHandle::destroyForcibly); // an engine outlives a killed up only when this test fails
    }

    private UpProcess up(Ports ports) {
        UpProcess up = UpProcess.start(tmp.resolve("state"), tmp.resolve("data"), ports);
        ups.add(up);
        return up;
    }

    private ProcessHandle engineOf(UpProcess up) {
        ProcessHandle engine = up.engine();
        engines.add(engine);
        return engine;
    }

    private static void killDashNine(UpProcess up) throws InterruptedException {
        up.process().destroyForcibly(); // SIGKILL to up alone, not to its children
        assertThat(up.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static String post(Ports ports) {
        var created = Http.postJson(ports.api("/pwausers"), WORKSHOP_BODY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonTrees.tree(created.body()).required(ResponseFields.ID).asText();
    }

    private static boolean stored(Ports ports, String id) {
        try (DynamoDbClient client = LocalEngine.clientOf(ports.dynamodbEndpoint())) {
            return client.getItem(r -> r.tableName(PwaUsersTable.DEFAULT_NAME).consistentRead(true)
                    .key(java.util.Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).hasItem();
        }
    }

    private static boolean exitsWithin(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    @Test
    void killDashNine_takesTheEngineWithIt_andTheNextUpStartsOnTheSameDataAndPorts() throws Exception {
        Ports ports = Ports.free();
        UpProcess first = up(ports).awaitBanner();
        String id = post(ports);
        ProcessHandle engine = engineOf(first);

        killDashNine(first);

        assertThat(exitsWithin(engine, Duration.ofSeconds(15))).as("the engine exits when its up is killed").isTrue();
        UpProcess second = up(ports).awaitBanner();
        assertThat(second.output()).doesNotContain("in use", "Exception");
        assertThat(stored(ports, id)).as("the item stored before the kill").isTrue();
        assertThat(stored(ports, post(ports))).isTrue();
    }

    @Test
    void aSecondUpOnTheSameData_isRefusedWithThePidOfTheFirst_andTheFirstGoesOn() {
        SharedUp shared = SharedUp.get(); // the first: any up that runs, and runs on after the test
        Ports ports = shared.ports();
        UpProcess first = shared.up();

        UpProcess second = UpProcess.start(tmp.resolve("state"), shared.dataDir(), Ports.free());
        ups.add(second);

        assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(second.output()).contains("is in use by pid " + first.pid(), "--data")
                .doesNotContain("Database is not open").doesNotContainPattern("\\n\\s+at ");
        assertThat(stored(ports, post(ports))).isTrue();
    }

    @Test
    void anEngineFrozenWhenItsUpWasKilled_isStoppedByTheNextUp_whichStartsOnTheSamePorts() throws Exception {
        Ports ports = Ports.free();
        UpProcess first = up(ports).awaitBanner();
        String id = post(ports);
        ProcessHandle engine = engineOf(first);
        signal("STOP", engine.pid()); // a stopped process cannot see its owner's pipe close
        killDashNine(first);
        assertThat(engine.isAlive()).isTrue();

        UpProcess second = up(ports).awaitBanner();

        assertThat(second.output()).contains("stopped a DynamoDB engine (pid " + engine.pid() + ")");
        assertThat(engine.isAlive()).isFalse();
        assertThat(stored(ports, id)).isTrue();
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
