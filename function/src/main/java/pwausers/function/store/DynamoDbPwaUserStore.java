package pwausers.function.store;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdAlreadyExistsException;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserStore;
import pwausers.function.domain.StoreUnavailableException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Entries in DynamoDB, one item each, with the three actions the function's role allows on their table: a
 * conditional PutItem stores a new one, a strongly consistent GetItem reads one back, a DeleteItem erases one.
 *
 * <p>On Lambda this store's client is the function's (the Idempotency-Key store shares it), and the store primes it
 * for a SnapStart snapshot, as a CRaC {@link Resource} (as Powertools' DynamoDBPersistenceStore primes its own): see
 * {@link #primeBeforeSnapshot}. Lambda's runtime finds the hooks through {@code org.crac}; the handler's object graph
 * holds this store, so the weak reference CRaC keeps to it never lapses.
 */
public final class DynamoDbPwaUserStore implements PwaUserStore, Resource {
    private static final String ID_NOT_TAKEN = "attribute_not_exists(#id)";
    private static final String ID_TAKEN = "attribute_exists(#id)";
    private static final Map<String, String> ID_NAME = Map.of("#id", PwaUsersTable.ID);

    /** Real DynamoDB calls before a snapshot (each a refused conditional PutItem: nothing is stored). */
    static final int PRIMING_CALLS = 3;

    private final DynamoDbClient client;
    private final String tableName;
    /** What else runs around a snapshot; set by {@link #primeBeforeSnapshot}, for a SnapStart init only. */
    private volatile SnapshotPriming priming;

    /** The function's work that priming runs beside the store's own calls, and what it does after a restore. */
    public interface SnapshotPriming {
        /**
         * Runs whole requests on a client whose HTTP endpoint, on the loopback interface, answers every call at once
         * with DynamoDB's empty success: the request path's code, the SDK's and the HTTP client's, with no network
         * and nothing stored.
         */
        void requestPath(DynamoDbClient canned);

        /** After a restore: what must not be shared by every environment restored from one snapshot. */
        void afterRestore();
    }

    public DynamoDbPwaUserStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public void insert(PwaUser user, Deadline deadline) {
        Map<String, AttributeValue> item = toItem(user);
        PutItemRequest request = conditionalPut(tableName, item).toBuilder()
                .overrideConfiguration(DynamoDbClients.within(deadline, "PutItem")).build();
        try {
            client.putItem(request);
        } catch (ConditionalCheckFailedException e) {
            // The SDK retries a PutItem whose answer was lost; if that first attempt landed, the retry finds
            // our own item. It is the same write, not a collision: report success rather than a second entry.
            if (e.hasItem() && item.equals(e.item())) {
                return;
            }
            if (!e.hasItem() || e.item().isEmpty()) {
                // DynamoDB always returns the item that failed the condition when asked; an engine that does not
                // leaves us unable to tell our own landed attempt from a collision: unknown, so not worth a new id
                throw new StoreUnavailableException("the condition failed without the item that failed it", e);
            }
            throw new IdAlreadyExistsException(e);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("PutItem", e);
        }
    }

    /** A strongly consistent read: an entry whose 201 was sent is always found, one deleted never. */
    @Override
    public Optional<PwaUser> find(String id, Deadline deadline) {
        Map<String, AttributeValue> item;
        try {
            item = client.getItem(b -> b.overrideConfiguration(DynamoDbClients.within(deadline, "GetItem"))
                    .tableName(tableName).key(key(id)).consistentRead(true)).item();
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("GetItem", e);
        }
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(id, item));
    }

    /**
     * One DeleteItem by key, with no condition, asking for the old item: it tells whether there was one. A retry of
     * a DeleteItem whose answer was lost finds nothing, so the request answers as if there had been none.
     */
    @Override
    public boolean delete(String id, Deadline deadline) {
        Map<String, AttributeValue> old;
        try {
            old = client.deleteItem(b -> b.overrideConfiguration(DynamoDbClients.within(deadline, "DeleteItem"))
                    .tableName(tableName).key(key(id)).returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("DeleteItem", e);
        }
        return old != null && !old.isEmpty();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(PwaUsersTable.ID, AttributeValue.fromS(id));
    }

    /** The PutItem of a new entry: only if no item has its id, asking for the item that failed the condition. */
    public static PutItemRequest conditionalPut(String tableName, Map<String, AttributeValue> item) {
        return PutItemRequest.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression(ID_NOT_TAKEN)
                .expressionAttributeNames(ID_NAME)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /**
     * Registers this store's SnapStart hooks with CRaC: before the snapshot, {@code priming}'s request path on a
     * canned client, then this store's own calls to the real endpoint; after a restore, {@code priming}'s. Called
     * only when Lambda initialises the function for a snapshot, so that an ordinary cold start runs none of it.
     */
    public void primeBeforeSnapshot(SnapshotPriming priming) {
        this.priming = priming;
        Core.getGlobalContext().register(this);
    }

    /**
     * Priming, before the snapshot: the request path on a canned client, then a few real calls that store nothing, on
     * a client like the store's own (the SDK's default settings, as on Lambda) but not that one, closed at once. No
     * connection to DynamoDB is left in the snapshot: one kept there would be shared, dead, by every environment
     * restored from it ("the state of connections ... isn't guaranteed when Lambda resumes", Lambda guide,
     * <i>SnapStart best practices</i>), and the store's own client opens its first one after the restore.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws IOException {
        try (LoopbackDynamoDb loopback = new LoopbackDynamoDb();
             DynamoDbClient canned = DynamoDbClients.builder()
                     .endpointOverride(loopback.endpoint())
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("priming", "priming")))
                     .build()) {
            priming.requestPath(canned);
        }
        try (DynamoDbClient real = DynamoDbClients.standard()) {
            for (int i = 0; i < PRIMING_CALLS; i++) {
                prime(real, tableName, UUID.randomUUID().toString());
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        priming.afterRestore();
    }

    /**
     * Runs the whole client once without writing anything, to load and warm its code before a SnapStart snapshot:
     * a PutItem whose condition cannot hold ({@code attribute_exists} on a fresh random id), which DynamoDB refuses
     * with ConditionalCheckFailedException. It needs no permission beyond the role's PutItem, and stores nothing.
     * Any failure is ignored: priming must never stop the function from starting.
     */
    static void prime(DynamoDbClient client, String tableName, String randomId) {
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(Map.of(PwaUsersTable.ID, AttributeValue.fromS(randomId)))
                    .conditionExpression(ID_TAKEN)
                    .expressionAttributeNames(ID_NAME)
                    .build());
        } catch (SdkException e) {
            // expected: ConditionalCheckFailedException; or DynamoDB is not reachable at init, which is no error yet
        }
    }

    /**
     * An entry as stored. Items written by other means (the workshop's own function stored no CreatedAt) are read
     * as far as they go: a missing or unreadable attribute is null.
     */
    static PwaUser fromItem(String id, Map<String, AttributeValue> item) {
        String createdAt = text(item, PwaUsersTable.CREATED_AT);
        Instant created = null;
        if (createdAt != null) {
            try {
                created = Instant.parse(createdAt);
            } catch (DateTimeParseException e) {
                // not one of ours: unknown
            }
        }
        return new PwaUser(id, text(item, PwaUsersTable.FIRSTNAME), text(item, PwaUsersTable.LASTNAME), created);
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    static Map<String, AttributeValue> toItem(PwaUser user) {
        return Map.of(
                PwaUsersTable.ID, AttributeValue.fromS(user.id()),
                PwaUsersTable.FIRSTNAME, AttributeValue.fromS(user.firstname()),
                PwaUsersTable.LASTNAME, AttributeValue.fromS(user.lastname()),
                PwaUsersTable.CREATED_AT, AttributeValue.fromS(user.createdAt().toString()));
    }
}
