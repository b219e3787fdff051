package pwausers.local.engine;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates the template's tables in a local DynamoDB engine. */
public final class LocalTables {

    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private LocalTables() {
    }

    /**
     * Creates the table from the template's definition of logicalId if it does not exist yet, and waits until it
     * is ACTIVE.
     *
     * @return true if this call created the table, false if it existed already
     * @throws IllegalArgumentException if the template has no such table
     * @throws IllegalStateException if the table is not ACTIVE within 30 s
     */
    public static boolean ensureTable(DynamoDbClient client, SamTemplate template, String logicalId, String tableName) {
        CreateTableRequest request = template.createTableRequest(logicalId, tableName);
        boolean created = false;
        if (status(client, tableName) == null) {
            try {
                client.createTable(request);
                created = true;
            } catch (ResourceInUseException createdMeanwhile) {
                // another caller created it between our two calls
            }
        }
        awaitActive(client, tableName);
        return created;
    }

    /** The table's status, or null if there is no such table. */
    private static TableStatus status(DynamoDbClient client, String tableName) {
        try {
            return client.describeTable(r -> r.tableName(tableName)).table().tableStatus();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private static void awaitActive(DynamoDbClient client, String tableName) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        TableStatus status;
        while ((status = status(client, tableName)) != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Table " + tableName + " is still " + status + " after "
                        + ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for table " + tableName, e);
            }
        }
    }

    /** Deletes the table if it exists, then creates it afresh from the template: an empty table for a test. */
    public static void recreateTable(DynamoDbClient client, SamTemplate template, String logicalId, String tableName) {
        if (client.listTables().tableNames().contains(tableName)) {
            client.deleteTable(b -> b.tableName(tableName));
        }
        ensureTable(client, template, logicalId, tableName);
    }
}
