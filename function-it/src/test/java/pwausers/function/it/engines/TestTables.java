package pwausers.function.it.engines;

import java.util.Map;
import java.util.UUID;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.Configuration;
import pwausers.function.contract.Environment;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.testkit.EnvironmentClients;
import pwausers.local.engine.LocalEngine;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tables of one test: both of template.yaml's tables, made from its own definitions under names no other test
 * uses, so that tests share an engine and run in parallel, and never delete a table.
 *
 * @param users the users' table
 * @param keys  the Idempotency-Key records' table
 */
public record TestTables(LocalEngine engine, String users, String keys) {
    private static final SamTemplate TEMPLATE = SamTemplate.read(ProjectFiles.template());

    /** Creates a fresh pair of tables in the engine and waits until both are ACTIVE. */
    public static TestTables create(LocalEngine engine) {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        return create(engine, PwaUsersTable.DEFAULT_NAME + suffix, IdempotencyTable.DEFAULT_NAME + suffix);
    }

    /** Creates these tables in the engine unless they exist, and waits until both are ACTIVE. */
    public static TestTables create(LocalEngine engine, String users, String keys) {
        LocalTables.ensureTable(engine.client(), TEMPLATE, PwaUsersTable.LOGICAL_ID, users);
        LocalTables.ensureTable(engine.client(), TEMPLATE, IdempotencyTable.LOGICAL_ID, keys);
        return new TestTables(engine, users, keys);
    }

    /** The function's settings for these tables. */
    public Configuration configuration() {
        return new Configuration(users, Environment.ANY_ORIGIN, keys);
    }

    /** A client built as the function builds its own (bounds, retries, HTTP client), on this engine; the caller closes it. */
    public DynamoDbClient functionClient() {
        return EnvironmentClients.fromEnvironment(environment());
    }

    /** The function on these tables through this client: the handler Lambda constructs, but for the client's endpoint. */
    public AddPwaUserHandler handler(DynamoDbClient client) {
        return new AddPwaUserHandler(Dependencies.on(configuration(), client));
    }

    /** The environment the local stack would give the function: these tables, on this engine. */
    public Map<String, String> environment() {
        Map<String, String> environment = Engine.awsEnvironment(engine);
        environment.put(Environment.TABLE_NAME, users);
        environment.put(Environment.IDEMPOTENCY_TABLE_NAME, keys);
        return environment;
    }

    /** How many entries the users' table holds. */
    public int userCount() {
        return engine.client().scan(b -> b.tableName(users).consistentRead(true)).count();
    }

    /** How many Idempotency-Key records there are. */
    public int keyCount() {
        return engine.client().scan(b -> b.tableName(keys).consistentRead(true)).count();
    }

    /** The users' entry with this id, or an empty map. */
    public Map<String, AttributeValue> user(String id) {
        return engine.client().getItem(b -> b.tableName(users).consistentRead(true)
                .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id)))).item();
    }

    /** The Idempotency-Key record of this key, or an empty map. */
    public Map<String, AttributeValue> key(String key) {
        return engine.client().getItem(b -> b.tableName(keys).consistentRead(true)
                .key(Map.of(IdempotencyTable.KEY, AttributeValue.fromS(key)))).item();
    }
}
