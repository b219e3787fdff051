package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.template.LocalFunction;
import pwausers.local.template.LocalValues;
import pwausers.local.testing.JsonTrees;
import pwausers.local.testing.Sockets;

/**
 * SnapStart as Lambda's runtime client runs it, on the real deployment package: with
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} and org.crac pointed at the client's CRaC implementation, the
 * client runs the function's beforeCheckpoint hooks, then asks the Runtime API for {@code restore/next} (the moment
 * Lambda takes the snapshot), runs the afterRestore hooks, and only then asks for an event.
 */
class SnapStartIT {
    private static final String FUNCTION = "AddPwaUser";
    /**
     * The connections at each snapshot's moment of one environment's start and first request, which both tests judge:
     * the start (seconds of CPU: the priming hooks) need not run twice.
     */
    private static List<Integer> connectionsAtSnapshot;

    @BeforeAll
    static void snapshotThenFirstRequest_once() throws Exception {
        connectionsAtSnapshot = snapshotThenFirstRequest();
    }

    @Test
    void theSnapshotsMoment_isSeenOnce_beforeTheFirstRequest_whichAnswers201() {
        assertThat(connectionsAtSnapshot).as("restore/next, asked once the hooks had run").hasSize(1);
    }

    /** Issue 20 item 3: the function's priming leaves no connection to DynamoDB open in the snapshot. */
    @Test
    void atTheSnapshotsMoment_theFunctionHoldsNoConnectionToDynamoDb() {
        assertThat(connectionsAtSnapshot).as("its connections to DynamoDB at the snapshot").containsExactly(0);
    }

    /**
     * Starts one SnapStart environment of the real package on a fresh engine, then runs the workshop's event (201
     * expected); the established connections of the function to the engine at each snapshot's moment.
     */
    private static List<Integer> snapshotThenFirstRequest() throws Exception {
        LocalValues values = new LocalValues(SamTemplate.read(ProjectFiles.template()), Map.of());
        LocalFunction function = LocalFunction.of(values, FUNCTION);
        assertThat(function.snapStart()).as("template.yaml turns SnapStart on").isTrue();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Integer> connectionsAtSnapshot = new CopyOnWriteArrayList<>();
        try (Dynalite engine = Dynalite.start()) {
            for (String table : values.template().logicalIdsOfType("AWS::DynamoDB::Table")) {
                LocalTables.ensureTable(engine.client(), values.template(), table, values.tableName(table));
            }
            Map<String, String> environment = FunctionEnvironment.of(function,
                    LocalAwsSettings.localEngine(engine.endpoint()), Map.of(), EnvVarsFile.none());
            try (FunctionRunner runner = new FunctionRunner(function, environment,
                    new PrintStream(log, true, StandardCharsets.UTF_8), true,
                    snapshot -> connectionsAtSnapshot.add(Sockets.establishedTo(snapshot.pid(), engine.port())))) {
                runner.start();
                assertThat(connectionsAtSnapshot).as("the snapshot's moment, before the first request").isNotEmpty();

                FunctionRunner.Result first = runner.invoke(Files.readAllBytes(
                        ProjectFiles.eventsDir().resolve("workshop-test-event.json")));

                assertThat(first.kind()).as(log.toString(StandardCharsets.UTF_8)).isEqualTo(FunctionRunner.Kind.ANSWERED);
                JsonNode answer = JsonTrees.tree(new String(first.output(), StandardCharsets.UTF_8));
                assertThat(answer.required("statusCode").asInt()).isEqualTo(201);
            }
        }
        return connectionsAtSnapshot;
    }
}
