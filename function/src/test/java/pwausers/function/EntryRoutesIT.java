package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;
import static pwausers.function.testing.Invocation.event;
import static pwausers.function.testing.Invocation.invoke;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pwausers.function.store.PwaUsersTable;
import pwausers.function.testing.Events;
import pwausers.function.testing.Invocation;
import pwausers.function.testing.LambdaClients;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** GET and DELETE /pwausers/{id} against a real engine (dynalite), with the table made from template.yaml. */
class EntryRoutesIT {
    private static final String TABLE = PwaUsersTable.DEFAULT_NAME;
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
        handler = new AddPwaUserHandler(new Configuration(TABLE, "*"), LambdaClients.at(dynalite.endpoint()));
    }

    private Invocation call(String method, String path) {
        return invoke(handler, Events.rest(method, path, Map.of(), null, false));
    }

    /** Stores the workshop's entry through the function; its Location. */
    private String posted() {
        Invocation created = invoke(handler, event("workshop-test-event.json"));
        assertThat(created.statusCode()).isEqualTo(201);
        return created.headers().get("Location");
    }

    private static Map<String, AttributeValue> item(String id) {
        return dynalite.client().getItem(b -> b.tableName(TABLE).consistentRead(true)
                .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).item();
    }

    private static int itemCount() {
        return dynalite.client().scan(b -> b.tableName(TABLE)).count();
    }

    @Test
    void theLocationOfA201_answersTheEntryAsStored_notToBeCached() {
        String location = posted();
        String id = location.substring(location.lastIndexOf('/') + 1);

        Invocation answer = call("GET", location);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyKeys()).containsExactly("PwaUserId", "Firstname", "Lastname", "CreatedAt");
        assertThat(answer.bodyField("PwaUserId")).isEqualTo(id);
        assertThat(answer.bodyField("Firstname")).isEqualTo("Mickey");
        assertThat(answer.bodyField("Lastname")).isEqualTo("Mouse");
        assertThat(answer.bodyField("CreatedAt")).isEqualTo(item(id).get(PwaUsersTable.CREATED_AT).s());
        assertThat(answer.headers()).containsEntry("Cache-Control", "no-store")
                .containsEntry("Access-Control-Allow-Origin", "*");
    }

    @Test
    void anEntryStoredWithoutCreatedAt_asTheWorkshopsFunctionDid_isAnsweredWithCreatedAtNull() {
        dynalite.client().putItem(b -> b.tableName(TABLE).item(Map.of(
                PwaUsersTable.ID, AttributeValue.fromS("6C-LRYNh42Hj3pdh4Ob5OA"),
                PwaUsersTable.FIRSTNAME, AttributeValue.fromS("Mickey"),
                PwaUsersTable.LASTNAME, AttributeValue.fromS("Mouse"))));

        Invocation answer = call("GET", "/pwausers/6C-LRYNh42Hj3pdh4Ob5OA");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).endsWith("\"Lastname\":\"Mouse\",\"CreatedAt\":null}");
    }

    @Test
    void delete_is204_theItemIsGone_andNothingElseIs() {
        String mickey = posted();
        String other = posted();

        Invocation deleted = call("DELETE", mickey);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(item(mickey.substring(mickey.lastIndexOf('/') + 1))).isEmpty();
        assertThat(call("GET", mickey).statusCode()).as("a later GET").isEqualTo(404);
        assertThat(call("DELETE", mickey).statusCode()).as("deleting it again").isEqualTo(404);
        assertThat(call("GET", other).statusCode()).isEqualTo(200);
        assertThat(itemCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE"})
    void noSuchEntry_is404(String method) {
        posted();

        Invocation answer = call(method, "/pwausers/AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.bodyField("Message")).isEqualTo("No entry with this id");
        assertThat(itemCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE"})
    void aMalformedId_is400_andTheTableIsUnchanged(String method) {
        String location = posted();

        Invocation answer = call(method, location + "x");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(itemCount()).isEqualTo(1);
    }
}
