package pwausers.function.it;

import static org.assertj.core.api.Assertions.assertThat;
import static pwausers.function.testing.Invocation.event;
import static pwausers.function.testing.Invocation.invoke;

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
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.function.it.engines.Engine;
import pwausers.function.it.engines.RunningEngines;
import pwausers.function.it.engines.TestTables;
import pwausers.function.testing.Events;
import pwausers.function.testing.Invocation;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET and DELETE /pwausers/{id} against real DynamoDB engines (dynalite and moto), each test with fresh tables from
 * template.yaml, the handler on a client built as the function builds its own.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class EntryRoutesIT {
    @Parameter
    Engine kind;

    private TestTables tables;
    private DynamoDbClient client;
    private AddPwaUserHandler handler;

    @BeforeEach
    void freshTables() {
        tables = TestTables.create(RunningEngines.of(kind));
        client = tables.functionClient();
        handler = tables.handler(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private Invocation call(String method, String path) {
        return invoke(handler, Events.rest(method, path, Map.of(), null, false));
    }

    /** Stores the workshop's entry through the function; its Location. */
    private String posted() {
        Invocation created = invoke(handler, event("workshop-test-event.json"));
        assertThat(created.statusCode()).isEqualTo(201);
        return created.headers().get(HeaderNames.LOCATION);
    }

    @Test
    void theLocationOfA201_answersTheEntryAsStored_notToBeCached() {
        String location = posted();
        String id = location.substring(location.lastIndexOf('/') + 1);

        Invocation answer = call("GET", location);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyKeys()).containsExactly(ResponseFields.ID, ResponseFields.FIRSTNAME, ResponseFields.LASTNAME,
                ResponseFields.CREATED_AT);
        assertThat(answer.bodyField(ResponseFields.ID)).isEqualTo(id);
        assertThat(answer.bodyField(ResponseFields.FIRSTNAME)).isEqualTo("Mickey");
        assertThat(answer.bodyField(ResponseFields.LASTNAME)).isEqualTo("Mouse");
        assertThat(answer.bodyField(ResponseFields.CREATED_AT)).isEqualTo(tables.user(id).get(PwaUsersTable.CREATED_AT).s());
        assertThat(answer.headers()).containsEntry(HeaderNames.CACHE_CONTROL, "no-store")
                .containsEntry(HeaderNames.ALLOW_ORIGIN, "*");
    }

    @Test
    void anEntryStoredWithoutCreatedAt_asTheWorkshopsFunctionDid_isAnsweredWithCreatedAtNull() {
        tables.engine().client().putItem(b -> b.tableName(tables.users()).item(Map.of(
                PwaUsersTable.ID, AttributeValue.fromS("6C-LRYNh42Hj3pdh4Ob5OA"),
                PwaUsersTable.FIRSTNAME, AttributeValue.fromS("Mickey"),
                PwaUsersTable.LASTNAME, AttributeValue.fromS("Mouse"))));

        Invocation answer = call("GET", "/pwausers/6C-LRYNh42Hj3pdh4Ob5OA");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .endsWith("\"" + ResponseFields.LASTNAME + "\":\"Mouse\",\"" + ResponseFields.CREATED_AT + "\":null}");
    }

    @Test
    void delete_is204_theItemIsGone_andNothingElseIs() {
        String mickey = posted();
        String other = posted();

        Invocation deleted = call("DELETE", mickey);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(tables.user(mickey.substring(mickey.lastIndexOf('/') + 1))).isEmpty();
        assertThat(call("GET", mickey).statusCode()).as("a later GET").isEqualTo(404);
        assertThat(call("DELETE", mickey).statusCode()).as("deleting it again").isEqualTo(404);
        assertThat(call("GET", other).statusCode()).isEqualTo(200);
        assertThat(tables.userCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE"})
    void noSuchEntry_is404(String method) {
        posted();

        Invocation answer = call(method, "/pwausers/AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.bodyField(ResponseFields.MESSAGE)).isEqualTo("No entry with this id");
        assertThat(tables.userCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE"})
    void aMalformedId_is400_andTheTableIsUnchanged(String method) {
        String location = posted();

        Invocation answer = call(method, location + "x");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(tables.userCount()).isEqualTo(1);
    }
}
