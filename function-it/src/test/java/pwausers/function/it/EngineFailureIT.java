package pwausers.function.it;

import static org.assertj.core.api.Assertions.assertThat;
import static pwausers.function.testing.Invocation.event;
import static pwausers.function.testing.Invocation.invoke;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.ResponseFields;
import pwausers.function.domain.StoreBounds;
import pwausers.function.it.engines.TestTables;
import pwausers.function.testing.Invocation;
import pwausers.local.engine.Dynalite;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The handler when DynamoDB is gone or hangs: a 503 within the call's bound, never a 201. The tests stop or freeze
 * an engine of this class's own (dynalite: moto cannot be frozen or restarted with its data), one after the other.
 */
@Execution(ExecutionMode.SAME_THREAD)
class EngineFailureIT {
    private static Dynalite dynalite;
    private AddPwaUserHandler handler;
    private DynamoDbClient client;
    private TestTables tables;

    @BeforeAll
    static void startEngine() {
        dynalite = Dynalite.start();
    }

    @AfterAll
    static void stopEngine() {
        dynalite.close();
    }

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(dynalite);
        client = tables.functionClient();
        handler = tables.handler(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void anEngineStoppedMidTest_gives503_neverA201_andServiceResumesWhenItIsBack() {
        assertThat(invoke(handler, event("workshop-test-event.json")).statusCode()).isEqualTo(201);
        dynalite.stop();
        try {
            Instant start = Instant.now();
            Invocation answer = invoke(handler, event("workshop-test-event.json"));

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers()).containsKey(HeaderNames.RETRY_AFTER);
            assertThat(answer.bodyField(ResponseFields.REFERENCE)).isEqualTo(answer.context().requestId);
            assertThat(answer.body()).doesNotContain(ResponseFields.ID);
            assertThat(Duration.between(start, Instant.now())).isLessThan(StoreBounds.STORE_CALL_TIMEOUT.plusSeconds(3));
        } finally {
            dynalite.restart(); // in memory: the tables are gone with the process
        }
        TestTables.create(dynalite, tables.users(), tables.keys());
        assertThat(invoke(handler, event("workshop-test-event.json")).statusCode()).isEqualTo(201);
    }

    @Test
    void aFrozenEngine_gives503WithinTheCallBound() {
        dynalite.freeze();
        try {
            Instant start = Instant.now();
            Invocation answer = invoke(handler, event("workshop-test-event.json"));

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(Duration.between(start, Instant.now())).isLessThan(StoreBounds.STORE_CALL_TIMEOUT.plusSeconds(3));
        } finally {
            dynalite.resume(); // the PutItem it held may land now: a 503 says "unknown, retry", never "not stored"
        }
    }
}
