package pwausers.function.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pwausers.function.testing.Invocation.event;
import static pwausers.function.testing.Invocation.invoke;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.Configuration;
import pwausers.function.contract.Environment;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdAlreadyExistsException;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.it.engines.Engine;
import pwausers.function.it.engines.RunningEngines;
import pwausers.function.it.engines.TestTables;
import pwausers.function.log.LoggedField;
import pwausers.function.store.DynamoDbPwaUserStore;
import pwausers.function.testing.Events;
import pwausers.function.testing.Invocation;
import pwausers.local.engine.LocalEngine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handler against real DynamoDB engines (dynalite and moto), made as the local stack makes it (its environment
 * map), each test with fresh tables from template.yaml. What does not touch the engine (validation, answers) is
 * tested in memory (AddPwaUserHandlerTest); a stopped or frozen engine in EngineFailureIT.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class AddPwaUserHandlerIT {
    @Parameter
    Engine kind;
    private LocalEngine engine;

    private TestTables tables;
    private DynamoDbClient client;
    private AddPwaUserHandler handler;

    @BeforeEach
    void freshTables() {
        engine = RunningEngines.of(kind);
        tables = TestTables.create(engine);
        client = tables.functionClient(); // built as on Lambda: bounds, retries
        handler = tables.handler(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void theWorkshopEvent_storesTheItemWithEveryAttribute() {
        Instant before = Instant.now();
        Invocation answer = invoke(handler, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(201);
        String id = answer.bodyField(ResponseFields.ID);
        Map<String, AttributeValue> item = tables.user(id);
        assertThat(item).containsOnlyKeys(PwaUsersTable.ID, PwaUsersTable.FIRSTNAME, PwaUsersTable.LASTNAME,
                PwaUsersTable.CREATED_AT);
        assertThat(item.get(PwaUsersTable.ID).s()).isEqualTo(id);
        assertThat(item.get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Mickey");
        assertThat(item.get(PwaUsersTable.LASTNAME).s()).isEqualTo("Mouse");
        Instant createdAt = Instant.parse(item.get(PwaUsersTable.CREATED_AT).s());
        assertThat(createdAt).isBetween(before.minusMillis(1), Instant.now());
        assertThat(item.get(PwaUsersTable.CREATED_AT).s()).endsWith("Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"José", "李", "Zoë", "😀 Ünïcödé", "O'Brien-Smith", "\"quoted\" \\ back"})
    void names_areStoredExactlyAsSent(String name) {
        String body = "{\"fname\":" + jsonString(name) + ",\"lname\":" + jsonString(name) + "}";
        Invocation answer = invoke(handler, Events.post(body));

        assertThat(answer.statusCode()).isEqualTo(201);
        Map<String, AttributeValue> item = tables.user(answer.bodyField(ResponseFields.ID));
        assertThat(item.get(PwaUsersTable.FIRSTNAME).s()).isEqualTo(name);
        assertThat(item.get(PwaUsersTable.LASTNAME).s()).isEqualTo(name);
    }

    @Test
    void aTakenId_isNeverOverwritten_theEntryGetsAFreshId() {
        String taken = "AAAAAAAAAAAAAAAAAAAAAA";
        engine.client().putItem(b -> b.tableName(tables.users()).item(Map.of(
                PwaUsersTable.ID, AttributeValue.fromS(taken),
                PwaUsersTable.FIRSTNAME, AttributeValue.fromS("Donald"),
                PwaUsersTable.LASTNAME, AttributeValue.fromS("Duck"),
                PwaUsersTable.CREATED_AT, AttributeValue.fromS("2026-01-01T00:00:00Z"))));
        PwaUserIds secure = PwaUserIds.secureRandom();
        ArrayDeque<String> ids = new ArrayDeque<>(List.of(taken));
        AddPwaUserHandler colliding = new AddPwaUserHandler(new Dependencies(tables.configuration(),
                new DynamoDbPwaUserStore(client, tables.users()), null,
                () -> ids.isEmpty() ? secure.next() : ids.removeFirst(), Clock.systemUTC()));

        Invocation answer = invoke(colliding, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.bodyField(ResponseFields.ID)).isNotEqualTo(taken);
        assertThat(tables.user(taken).get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Donald");
        assertThat(tables.user(answer.bodyField(ResponseFields.ID)).get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Mickey");
        assertThat(tables.userCount()).isEqualTo(2);
    }

    @Test
    void aPutItemRetriedAfterItLanded_isRecognisedAsTheSameWrite_notStoredTwice() {
        // what the SDK does when an attempt's answer is lost (a frozen engine, a timeout): the same PutItem again;
        // the engine must return the item that failed the condition (ALL_OLD), as DynamoDB does
        DynamoDbPwaUserStore store = new DynamoDbPwaUserStore(client, tables.users());
        PwaUser mickey = new PwaUser("DDDDDDDDDDDDDDDDDDDDDD", "Mickey", "Mouse", Instant.parse("2026-11-26T18:00:00Z"));
        store.insert(mickey, Deadline.none());

        store.insert(mickey, Deadline.none()); // the condition fails on our own item: the same write, no exception

        assertThat(tables.userCount()).isEqualTo(1);
        PwaUser donald = new PwaUser(mickey.id(), "Donald", "Duck", mickey.createdAt());
        assertThatThrownBy(() -> store.insert(donald, Deadline.none()))
                .isInstanceOf(IdAlreadyExistsException.class);
        assertThat(tables.user(mickey.id()).get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Mickey");
    }

    @Test
    void aMissingTable_is500_notA201() {
        AddPwaUserHandler wrongTable = new AddPwaUserHandler(Dependencies.on(
                new Configuration("NoSuchTable", Environment.ANY_ORIGIN, tables.keys()), client));

        Invocation answer = invoke(wrongTable, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.bodyField(ResponseFields.REFERENCE)).isEqualTo(answer.context().requestId);
        assertThat(Invocation.object(answer.logLine()))
                .containsEntry(LoggedField.AWS_ERROR_CODE.key(), "ResourceNotFoundException");
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
