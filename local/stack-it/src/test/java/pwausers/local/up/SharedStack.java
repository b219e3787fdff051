package pwausers.local.up;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.template.LocalApi;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * One local stack in the test JVM on the defaults (its data in memory, the web app, the stage's throttle out of
 * reach), started by the first test that asks for it and stopped when the JVM exits: for the tests, of any class, that
 * neither stop it nor change its settings. Each gets it with empty tables and an empty console ({@link #fresh()}).
 */
public final class SharedStack {
    private static final ByteArrayOutputStream CONSOLE_BYTES = new ByteArrayOutputStream();
    /** The shared stack's console; also for the stacks a test starts of its own, whose lines it reads the same way. */
    public static final PrintStream CONSOLE = new PrintStream(CONSOLE_BYTES, true, StandardCharsets.UTF_8);
    private static LocalStack stack;

    private SharedStack() {
    }

    /** The stack, its tables emptied and its console too. */
    public static synchronized LocalStack fresh() {
        if (stack == null) {
            // the throttle out of reach: a test sends many requests at once (StageThrottlingIT tests the throttle)
            stack = LocalStack.start(new LocalStack.Options(0, 0, 0, null, ProjectFiles.root().resolve("web"),
                    LocalApi.THROTTLE_OUT_OF_REACH, CONSOLE));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "shared-stack-stop"));
        }
        emptyTables(stack.engine().client());
        CONSOLE_BYTES.reset();
        return stack;
    }

    /** What the shared stack (and any stack on {@link #CONSOLE}) printed since the last {@link #fresh()}. */
    public static String console() {
        return CONSOLE_BYTES.toString(StandardCharsets.UTF_8);
    }

    private static void emptyTables(DynamoDbClient engine) {
        for (String table : engine.listTables().tableNames()) {
            List<String> keys = engine.describeTable(b -> b.tableName(table)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList();
            engine.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                    .forEach(item -> engine.deleteItem(b -> b.tableName(table)
                            .key(item.entrySet().stream().filter(e -> keys.contains(e.getKey()))
                                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))));
        }
    }
}
