package pwausers.local.engine;

import java.time.Duration;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the template's tables in a local DynamoDB engine. Every wait is on the table's state, through the SDK's
 * waiters (DescribeTable polled until the table exists and is ACTIVE, or until it is gone), bounded in time.
 */
public final class LocalTables {

    private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    /** The engine changes a table's state at once (--createTableMs 0): poll often, bounded by the time, not a count. */
    private static final WaiterOverrideConfiguration WAITING = WaiterOverrideConfiguration.builder()
            .waitTimeout(WAIT_TIMEOUT)
            .maxAttempts((int) (WAIT_TIMEOUT.toMillis() / POLL_INTERVAL.toMillis()))
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL_INTERVAL))
            .build();

    private LocalTables() {
    }

    /**
     * Creates the table from the template's definition of logicalId if it does not exist yet (waiting first for a
     * table of that name that is being deleted to be gone), and waits until it is ACTIVE.
     *
     * @return true if this call created the table, false if it existed already
     * @throws IllegalArgumentException if the template has no such table
     * @throws IllegalStateException if the table is not ACTIVE within 30 s
     */
    public static boolean ensureTable(DynamoDbClient client, SamTemplate template, String logicalId, String tableName) {
        CreateTableRequest request = template.createTableRequest(logicalId, tableName);
        try (DynamoDbWaiter waiter = waiter(client)) {
            if (status(client, tableName) == TableStatus.DELETING) {
                awaitGone(waiter, tableName);
            }
            boolean created = false;
            try {
                client.createTable(request);
                created = true;
            } catch (ResourceInUseException exists) {
                // it exists already, or another caller created it meanwhile
            }
            awaitActive(waiter, tableName);
            return created;
        }
    }

    /** Deletes the table if it exists and waits until it is gone, then creates it afresh from the template. */
    public static void recreateTable(DynamoDbClient client, SamTemplate template, String logicalId, String tableName) {
        try (DynamoDbWaiter waiter = waiter(client)) {
            try {
                client.deleteTable(b -> b.tableName(tableName));
            } catch (ResourceNotFoundException absent) {
                // nothing to delete
            } catch (ResourceInUseException beingCreatedOrDeleted) {
                awaitActive(waiter, tableName); // a table being created cannot be deleted yet
                client.deleteTable(b -> b.tableName(tableName));
            }
            awaitGone(waiter, tableName);
        }
        ensureTable(client, template, logicalId, tableName);
    }

    /** The table's status, or null if there is no such table. */
    private static TableStatus status(DynamoDbClient client, String tableName) {
        try {
            return client.describeTable(r -> r.tableName(tableName)).table().tableStatus();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private static DynamoDbWaiter waiter(DynamoDbClient client) {
        return DynamoDbWaiter.builder().client(client).overrideConfiguration(WAITING).build();
    }

    /** The SDK's tableExists waiter: DescribeTable until the table is there and ACTIVE. */
    private static void awaitActive(DynamoDbWaiter waiter, String tableName) {
        try {
            waiter.waitUntilTableExists(r -> r.tableName(tableName));
        } catch (SdkClientException e) { // the waiter's own failure: out of time or attempts
            throw new IllegalStateException("Table " + tableName + " is not ACTIVE within " + WAIT_TIMEOUT.toSeconds()
                    + " s: " + e.getMessage(), e);
        }
    }

    /** The SDK's tableNotExists waiter: DescribeTable until it answers ResourceNotFoundException. */
    private static void awaitGone(DynamoDbWaiter waiter, String tableName) {
        try {
            waiter.waitUntilTableNotExists(r -> r.tableName(tableName));
        } catch (SdkClientException e) {
            throw new IllegalStateException("Table " + tableName + " is not deleted within " + WAIT_TIMEOUT.toSeconds()
                    + " s: " + e.getMessage(), e);
        }
    }
}
