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
import pwausers.function.contract.Environment;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.function.testkit.TestContext;
import pwausers.local.testing.Http;
import pwausers.local.testing.JsonTrees;
import pwausers.local.up.LocalStack;
import pwausers.local.up.SharedStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A reload in a running stack, beside a second stack in the same JVM: the real function swapped for a fresh load
 * of its jar, with the data kept; the AWS settings reach each function through its environment, never through
 * this process's system properties, so neither the second stack nor the reload sends one stack's writes to the
 * other's engine.
 */
class HotReloadIT {
    private static final String WORKSHOP_BODY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private LocalStack a;
    private HotReload reload;

    @AfterEach
    void stop() {
        if (reload != null) {
            reload.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aReload_keepsTheEngineAndItsData_andEachOfTwoStacksWritesToItsOwnEngine() throws Exception {
        PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
        a = LocalStack.start(new LocalStack.Options(0, 0, 0, tmp.resolve("data"), null, Map.of(), console));
        FunctionRunner function = a.functions().get(TestContext.FUNCTION_NAME);
        String before = id(Http.postJson(a.apiUrl().resolve("/pwausers"), WORKSHOP_BODY));
        List<Long> oldProcesses = function.pids();
        long enginePid = a.engine().pid();
        LocalStack b = SharedStack.fresh(); // another stack, on an engine of its own
        assertThat(System.getProperties().stringPropertyNames()).noneMatch(name -> name.startsWith("aws."));
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

        assertThat(consoleBytes.toString(StandardCharsets.UTF_8)).contains("AddPwaUser runs the new code from its next"
                + " request (data kept)");
        // fresh environments run the new code; the old ones, idle, are gone
        assertThat(function.pids()).isNotEmpty().doesNotContainAnyElementsOf(oldProcesses);
        for (long pid : oldProcesses) {
            ProcessHandle.of(pid).ifPresent(old -> assertThat(old.onExit()).succeedsWithin(java.time.Duration.ofSeconds(30)));
        }
        String after = id(Http.postJson(a.apiUrl().resolve("/pwausers"), WORKSHOP_BODY));
        String inB = id(Http.postJson(b.apiUrl().resolve("/pwausers"), WORKSHOP_BODY));
        assertThat(a.engine().pid()).isEqualTo(enginePid);
        assertThat(exists(a, before)).isTrue();
        assertThat(exists(a, after)).isTrue();
        assertThat(exists(b, after)).isFalse();
        assertThat(exists(b, inB)).isTrue();
        assertThat(exists(a, inB)).isFalse();
    }

    private static boolean exists(LocalStack stack, String id) {
        String table = stack.functions().get(TestContext.FUNCTION_NAME).function().environment().get(Environment.TABLE_NAME);
        return stack.engine().client().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).hasItem();
    }

    private static String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonTrees.tree(response.body()).required(ResponseFields.ID).asText();
    }
}
