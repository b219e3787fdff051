package pwausers.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.Configuration;
import pwausers.function.store.PwaUsersTable;
import pwausers.local.testing.Http;
import pwausers.local.up.LocalStack;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A reload in the running stack: the real function swapped for a fresh load of its jar, with the data kept. */
class HotReloadIT {
    private static final String WORKSHOP_BODY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private LocalStack stack;
    private HotReload reload;

    @AfterEach
    void stop() {
        if (reload != null) {
            reload.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aReload_keepsTheEngine_andItsData_andTheNewCodeWritesToIt() throws Exception {
        PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
        stack = LocalStack.start(new LocalStack.Options(0, 0, 0, tmp.resolve("data"), null, Map.of(), console));
        FunctionRunner function = stack.functions().get("AddPwaUser");
        String table = function.function().environment().get(Configuration.TABLE_NAME);
        String before = id(Http.postJson(stack.apiUrl().resolve("/pwausers"), WORKSHOP_BODY));
        Object oldHandler = function.handler();
        long enginePid = stack.engine().pid();
        // a module whose build is the jar already built: what is tested is the swap, not Maven
        Path module = tmp.resolve("function");
        Files.createDirectories(module.resolve("src/main/java"));
        reload = new HotReload(module, tmp, List::of, List.of(function), console);
        reload.startWatching();

        Files.writeString(module.resolve("src/main/java/Edited.java"), "class Edited {}");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!consoleBytes.toString(StandardCharsets.UTF_8).contains("runs the new code")) {
            assertThat(System.nanoTime()).as("reloaded within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }

        assertThat(function.handler()).isNotSameAs(oldHandler);
        assertThat(function.handler().getClass().getClassLoader()).isNotSameAs(oldHandler.getClass().getClassLoader());
        String after = id(Http.postJson(stack.apiUrl().resolve("/pwausers"), WORKSHOP_BODY));
        assertThat(stack.engine().pid()).isEqualTo(enginePid);
        for (String id : List.of(before, after)) {
            assertThat(stack.engine().client().getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).item()).containsEntry(PwaUsersTable.FIRSTNAME,
                    AttributeValue.fromS("Mickey"));
        }
        assertThat(consoleBytes.toString(StandardCharsets.UTF_8)).contains("AddPwaUser runs the new code from its next"
                + " request (data kept)");
    }

    private static String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonNode.parser().parse(response.body()).field("PwaUserId").orElseThrow().asString();
    }
}
