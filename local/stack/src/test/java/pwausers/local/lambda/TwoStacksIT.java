package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.function.Configuration;
import pwausers.function.store.PwaUsersTable;
import pwausers.local.testing.Http;
import pwausers.local.up.LocalStack;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two stacks in one JVM, each with its own engine: the AWS settings reach each function through its environment,
 * never through this process's system properties, so neither a second stack nor a reload sends one stack's writes to
 * the other's engine.
 */
class TwoStacksIT {
    private static final String WORKSHOP_BODY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";

    @Test
    void eachStack_writesToItsOwnEngine_evenAfterAReload() throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (LocalStack a = LocalStack.start(new LocalStack.Options(0, 0, 0, null, null, Map.of(), quiet));
             LocalStack b = LocalStack.start(new LocalStack.Options(0, 0, 0, null, null, Map.of(), quiet))) {
            assertThat(System.getProperties().stringPropertyNames()).noneMatch(name -> name.startsWith("aws."));

            a.functions().get("AddPwaUser").reload(); // made again after b started, as a hot reload does
            String inA = id(Http.postJson(a.apiUrl().resolve("/pwausers"), WORKSHOP_BODY));
            String inB = id(Http.postJson(b.apiUrl().resolve("/pwausers"), WORKSHOP_BODY));

            assertThat(exists(a, inA)).isTrue();
            assertThat(exists(b, inA)).isFalse();
            assertThat(exists(b, inB)).isTrue();
            assertThat(exists(a, inB)).isFalse();
        }
    }

    private static boolean exists(LocalStack stack, String id) {
        String table = stack.functions().get("AddPwaUser").function().environment().get(Configuration.TABLE_NAME);
        return stack.engine().client().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).hasItem();
    }

    private static String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonNode.parser().parse(response.body()).field("PwaUserId").orElseThrow().asString();
    }
}
