package pwausers.function.store;

import static pwausers.function.contract.IdempotencyTable.CLAIM_TOKEN;
import static pwausers.function.contract.IdempotencyTable.EXPIRES_AT;
import static pwausers.function.contract.IdempotencyTable.KEY;
import static pwausers.function.contract.IdempotencyTable.LOCKED_UNTIL;
import static pwausers.function.contract.IdempotencyTable.PAYLOAD_HASH;
import static pwausers.function.contract.IdempotencyTable.PWA_USER_ID;
import static pwausers.function.contract.IdempotencyTable.STATUS;

import java.time.Instant;
import java.util.Map;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.IdempotencyTable.Status;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdempotencyStore;
import pwausers.function.domain.StoreBounds;
import pwausers.function.domain.StoreUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency-Key records in DynamoDB, with three actions on their table: a conditional PutItem claims a key, a
 * GetItem reads the record that holds it (where DynamoDB did not return it with the failed condition), a
 * conditional UpdateItem takes over an expired lock or marks the request completed.
 *
 * <p>A claim or takeover whose answer is lost (a timed-out attempt that landed) is sent again by the SDK and fails
 * its condition on the record the first one wrote: the record's {@link IdempotencyTable#CLAIM_TOKEN}, the fresh id
 * this request drew, tells the request that the claim is its own, not another request's in flight.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    private static final String ABSENT_OR_EXPIRED = "attribute_not_exists(#k) OR #e < :now";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbIdempotencyStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public Claim claim(String key, String payloadHash, String newId, Instant now, Deadline deadline) {
        Map<String, AttributeValue> record = Map.of(
                KEY, AttributeValue.fromS(key),
                STATUS, AttributeValue.fromS(Status.INPROGRESS.name()),
                PAYLOAD_HASH, AttributeValue.fromS(payloadHash),
                PWA_USER_ID, AttributeValue.fromS(newId),
                CLAIM_TOKEN, AttributeValue.fromS(newId),
                LOCKED_UNTIL, number(now.plus(StoreBounds.IDEMPOTENCY_LOCK).toEpochMilli()),
                EXPIRES_AT, number(now.plus(StoreBounds.IDEMPOTENCY_TTL).getEpochSecond()));
        for (int attempt = 1; ; attempt++) {
            try {
                client.putItem(b -> b.overrideConfiguration(DynamoDbClients.within(deadline, "PutItem"))
                        .tableName(tableName).item(record)
                        .conditionExpression(ABSENT_OR_EXPIRED)
                        .expressionAttributeNames(Map.of("#k", KEY, "#e", EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":now", number(now.getEpochSecond())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return new Granted(newId, false);
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> existing = recordThatFailed(e, key, deadline);
                if (heldBy(existing, newId)) {
                    return new Granted(newId, false); // our own claim: an attempt whose answer was lost had landed
                }
                boolean gone = existing == null || Long.parseLong(existing.get(EXPIRES_AT).n()) < now.getEpochSecond();
                if (!gone) {
                    return bound(key, payloadHash, newId, existing, now, deadline);
                }
                if (attempt >= 3) { // it keeps vanishing under us: give up rather than loop
                    throw StoreUnavailableException.nothingWritten("the idempotency record of a key keeps changing", e);
                }
            } catch (SdkException e) {
                throw DynamoDbErrors.translate("PutItem", e);
            }
        }
    }

    /** The key is held by the live record {@code existing}: what that means for a request with this payload. */
    private Claim bound(String key, String payloadHash, String token, Map<String, AttributeValue> existing,
                        Instant now, Deadline deadline) {
        if (!payloadHash.equals(existing.get(PAYLOAD_HASH).s())) {
            return new OtherPayload();
        }
        String id = existing.get(PWA_USER_ID).s();
        if (Status.COMPLETED.name().equals(existing.get(STATUS).s())) {
            return new Completed(id);
        }
        String lockedUntil = existing.get(LOCKED_UNTIL).n();
        if (Long.parseLong(lockedUntil) > now.toEpochMilli()) {
            return new InProgress(Instant.ofEpochMilli(Long.parseLong(lockedUntil)));
        }
        try { // the request that held it has ended without completing: take over, with the id it reserved
            client.updateItem(b -> b.overrideConfiguration(DynamoDbClients.within(deadline, "UpdateItem"))
                    .tableName(tableName).key(Map.of(KEY, AttributeValue.fromS(key)))
                    .updateExpression("SET #l = :lock, #t = :token")
                    .conditionExpression("#s = :inProgress AND #l = :oldLock")
                    .expressionAttributeNames(Map.of("#s", STATUS, "#l", LOCKED_UNTIL, "#t", CLAIM_TOKEN))
                    .expressionAttributeValues(Map.of(
                            ":lock", number(now.plus(StoreBounds.IDEMPOTENCY_LOCK).toEpochMilli()),
                            ":token", AttributeValue.fromS(token),
                            ":inProgress", AttributeValue.fromS(Status.INPROGRESS.name()),
                            ":oldLock", AttributeValue.fromN(lockedUntil)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Granted(id, true);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> record = recordThatFailed(e, key, deadline);
            if (heldBy(record, token)) { // our own takeover, resent after its answer was lost
                return new Granted(id, true);
            }
            if (record != null && Status.COMPLETED.name().equals(record.get(STATUS).s())) {
                // the request that held it completed after all (its completion, whose answer was lost, landed late):
                // answered as it was, not as a request still in flight
                return bound(key, payloadHash, token, record, now, deadline);
            }
            return new InProgress(now.plus(StoreBounds.IDEMPOTENCY_LOCK)); // another retry took it over: a whole lock
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("UpdateItem", e);
        }
    }

    @Override
    public void complete(String key, String id, Deadline deadline) {
        try {
            client.updateItem(b -> b.overrideConfiguration(DynamoDbClients.within(deadline, "UpdateItem"))
                    .tableName(tableName).key(Map.of(KEY, AttributeValue.fromS(key)))
                    .updateExpression("SET #s = :completed")
                    .conditionExpression("#id = :id")
                    .expressionAttributeNames(Map.of("#s", STATUS, "#id", PWA_USER_ID))
                    .expressionAttributeValues(Map.of(":completed", AttributeValue.fromS(Status.COMPLETED.name()),
                            ":id", AttributeValue.fromS(id))));
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("UpdateItem", e);
        }
    }

    @Override
    public void release(String key, String token, Deadline deadline) {
        try {
            client.updateItem(b -> b.overrideConfiguration(DynamoDbClients.within(deadline, "UpdateItem"))
                    .tableName(tableName).key(Map.of(KEY, AttributeValue.fromS(key)))
                    .updateExpression("SET #l = :lapsed")
                    .conditionExpression("#s = :inProgress AND #t = :token")
                    .expressionAttributeNames(Map.of("#s", STATUS, "#l", LOCKED_UNTIL, "#t", CLAIM_TOKEN))
                    .expressionAttributeValues(Map.of(
                            ":lapsed", number(0),
                            ":inProgress", AttributeValue.fromS(Status.INPROGRESS.name()),
                            ":token", AttributeValue.fromS(token))));
        } catch (SdkException e) {
            // no longer ours, or out of reach: the lock then lapses in its own time
        }
    }

    /** The record a conditional write failed on: as DynamoDB returned it with the failure, else read; null if none. */
    private Map<String, AttributeValue> recordThatFailed(ConditionalCheckFailedException e, String key,
                                                         Deadline deadline) {
        return e.hasItem() && !e.item().isEmpty() ? e.item() : read(key, deadline);
    }

    /** Whether the request whose token this is holds the key in flight (its claim or takeover landed). */
    private static boolean heldBy(Map<String, AttributeValue> record, String token) {
        return record != null && Status.INPROGRESS.name().equals(record.get(STATUS).s()) && record.get(CLAIM_TOKEN) != null
                && token.equals(record.get(CLAIM_TOKEN).s());
    }

    private Map<String, AttributeValue> read(String key, Deadline deadline) {
        try {
            Map<String, AttributeValue> item = client.getItem(b -> b
                    .overrideConfiguration(DynamoDbClients.within(deadline, "GetItem"))
                    .tableName(tableName).consistentRead(true)
                    .key(Map.of(KEY, AttributeValue.fromS(key)))).item();
            return item == null || item.isEmpty() ? null : item;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("GetItem", e);
        }
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
