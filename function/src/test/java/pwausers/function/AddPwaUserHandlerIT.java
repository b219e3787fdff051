package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pwausers.function.testing.Invocation.event;
import static pwausers.function.testing.Invocation.invoke;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdAlreadyExistsException;
import pwausers.function.domain.Limits;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.store.DynamoDbClients;
import pwausers.function.store.DynamoDbPwaUserStore;
import pwausers.function.store.PwaUsersTable;
import pwausers.function.testing.Events;
import pwausers.function.testing.Invocation;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The handler against a real DynamoDB engine (dynalite), with the table made from template.yaml. */
class AddPwaUserHandlerIT {
    private static final String TABLE = "PwaUsers";
    private static Dynalite dynalite;
    private static SamTemplate template;

    private AddPwaUserHandler handler;

    @BeforeAll
    static void startEngine() {
        dynalite = Dynalite.start();
        template = SamTemplate.read(ProjectFiles.template());
    }

    @AfterAll
    static void stopEngine() {
        dynalite.close();
    }

    @BeforeEach
    void freshTable() {
        LocalTables.recreateTable(dynalite.client(), template, "PwaUsersTable", TABLE);
        handler = new AddPwaUserHandler(new Configuration(TABLE, "*"), clientWithDefaults());
    }

    /** A client built the way Lambda builds it (time bounds, retries), pointed at dynalite. */
    private static DynamoDbClient clientWithDefaults() {
        return DynamoDbClients.builder()
                .endpointOverride(dynalite.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @Test
    void theWorkshopEvent_storesTheItemWithEveryAttribute() {
        Instant before = Instant.now();
        Invocation answer = invoke(handler, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(201);
        String id = answer.bodyField("PwaUserId");
        Map<String, AttributeValue> item = item(id);
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
        Map<String, AttributeValue> item = item(answer.bodyField("PwaUserId"));
        assertThat(item.get(PwaUsersTable.FIRSTNAME).s()).isEqualTo(name);
        assertThat(item.get(PwaUsersTable.LASTNAME).s()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad-missing-lname.json", "bad-blank-fname.json", "bad-body-not-json.json",
            "bad-content-type.json", "bad-method-get.json", "bad-path.json", "bad-base64.json"})
    void badInputs_leaveTheTableUnchanged(String file) {
        Invocation answer = invoke(handler, event(file));

        assertThat(answer.statusCode()).isBetween(400, 499);
        assertThat(itemCount()).isZero();
    }

    @Test
    void tooLargeAndTooLongInputs_leaveTheTableUnchanged() {
        assertThat(invoke(handler, Events.post("{\"fname\":\"" + "a".repeat(Limits.MAX_BODY_BYTES) + "\",\"lname\":\"M\"}"))
                .statusCode()).isEqualTo(413);
        assertThat(invoke(handler, Events.post("{\"fname\":\"" + "a".repeat(101) + "\",\"lname\":\"M\"}"))
                .statusCode()).isEqualTo(400);
        assertThat(itemCount()).isZero();
    }

    @Test
    void aTakenId_isNeverOverwritten_theEntryGetsAFreshId() {
        String taken = "AAAAAAAAAAAAAAAAAAAAAA";
        dynalite.client().putItem(b -> b.tableName(TABLE).item(Map.of(
                PwaUsersTable.ID, AttributeValue.fromS(taken),
                PwaUsersTable.FIRSTNAME, AttributeValue.fromS("Donald"),
                PwaUsersTable.LASTNAME, AttributeValue.fromS("Duck"),
                PwaUsersTable.CREATED_AT, AttributeValue.fromS("2026-01-01T00:00:00Z"))));
        PwaUserIds secure = PwaUserIds.secureRandom();
        ArrayDeque<String> ids = new ArrayDeque<>(List.of(taken));
        AddPwaUserHandler colliding = new AddPwaUserHandler(new Configuration(TABLE, "*"),
                new DynamoDbPwaUserStore(clientWithDefaults(), TABLE), null,
                () -> ids.isEmpty() ? secure.next() : ids.removeFirst(), java.time.Clock.systemUTC());

        Invocation answer = invoke(colliding, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.bodyField("PwaUserId")).isNotEqualTo(taken);
        assertThat(item(taken).get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Donald");
        assertThat(item(answer.bodyField("PwaUserId")).get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Mickey");
        assertThat(itemCount()).isEqualTo(2);
    }

    @Test
    void aPutItemRetriedAfterItLanded_isRecognisedAsTheSameWrite_notStoredTwice() {
        // what the SDK does when an attempt's answer is lost (a frozen engine, a timeout): the same PutItem again
        DynamoDbPwaUserStore store = new DynamoDbPwaUserStore(clientWithDefaults(), TABLE);
        PwaUser mickey = new PwaUser("DDDDDDDDDDDDDDDDDDDDDD", "Mickey", "Mouse", Instant.parse("2026-11-26T18:00:00Z"));
        store.insert(mickey, Deadline.none());

        store.insert(mickey, Deadline.none()); // the condition fails on our own item: the same write, no exception

        assertThat(itemCount()).isEqualTo(1);
        PwaUser donald = new PwaUser(mickey.id(), "Donald", "Duck", mickey.createdAt());
        assertThatThrownBy(() -> store.insert(donald, Deadline.none()))
                .isInstanceOf(IdAlreadyExistsException.class);
        assertThat(item(mickey.id()).get(PwaUsersTable.FIRSTNAME).s()).isEqualTo("Mickey");
    }

    @Test
    void aMissingTable_is500_notA201() {
        AddPwaUserHandler wrongTable = new AddPwaUserHandler(new Configuration("NoSuchTable", "*"), clientWithDefaults());

        Invocation answer = invoke(wrongTable, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.bodyField("Reference")).isEqualTo(answer.context().requestId);
        assertThat(answer.logLine()).contains("\"awsErrorCode\":\"ResourceNotFoundException\"");
    }

    @Test
    void anEngineStoppedMidTest_gives503_neverA201_andServiceResumesWhenItIsBack() {
        assertThat(invoke(handler, event("workshop-test-event.json")).statusCode()).isEqualTo(201);
        dynalite.stop();
        try {
            Instant start = Instant.now();
            Invocation answer = invoke(handler, event("workshop-test-event.json"));

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers()).containsKey("Retry-After");
            assertThat(answer.bodyField("Reference")).isEqualTo(answer.context().requestId);
            assertThat(answer.body()).doesNotContain("PwaUserId");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Limits.STORE_CALL_TIMEOUT.plusSeconds(3));
        } finally {
            dynalite.restart(); // in memory: the table is gone with the process
        }
        LocalTables.ensureTable(dynalite.client(), template, "PwaUsersTable", TABLE);
        assertThat(invoke(handler, event("workshop-test-event.json")).statusCode()).isEqualTo(201);
    }

    @Test
    void aFrozenEngine_gives503WithinTheCallBound() {
        dynalite.freeze();
        try {
            Instant start = Instant.now();
            Invocation answer = invoke(handler, event("workshop-test-event.json"));

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Limits.STORE_CALL_TIMEOUT.plusSeconds(3));
        } finally {
            dynalite.resume();
        }
    }

    private static Map<String, AttributeValue> item(String id) {
        return dynalite.client().getItem(GetItemRequest.builder().tableName(TABLE).consistentRead(true)
                .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id))).build()).item();
    }

    private static int itemCount() {
        return dynalite.client().scan(b -> b.tableName(TABLE)).count();
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
