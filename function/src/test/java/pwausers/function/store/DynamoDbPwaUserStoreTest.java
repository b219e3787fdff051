package pwausers.function.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdAlreadyExistsException;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.StoreException;
import pwausers.function.domain.StoreUnavailableException;
import pwausers.function.testing.LambdaClients;
import pwausers.function.testing.ReplayedDynamoDb;

/**
 * How the store reads DynamoDB's answers that dynalite never gives (throttling, server errors, the old item on a
 * failed condition): a loopback HTTP endpoint replays DynamoDB's wire format to the real SDK client.
 * Everything else about storage is tested against dynalite (AddPwaUserHandlerIT).
 */
class DynamoDbPwaUserStoreTest {
    private static final PwaUser MICKEY =
            new PwaUser("6C-LRYNh42Hj3pdh4Ob5OA", "Mickey", "Mouse", Instant.parse("2026-11-26T18:00:00.123Z"));
    private static final String MICKEY_ITEM = "{\"" + PwaUsersTable.ID + "\":{\"S\":\"6C-LRYNh42Hj3pdh4Ob5OA\"},"
            + "\"" + PwaUsersTable.FIRSTNAME + "\":{\"S\":\"Mickey\"},"
            + "\"" + PwaUsersTable.LASTNAME + "\":{\"S\":\"Mouse\"},"
            + "\"" + PwaUsersTable.CREATED_AT + "\":{\"S\":\"2026-11-26T18:00:00.123Z\"}}";

    private ReplayedDynamoDb engine;

    /** A store whose client talks to an endpoint that gives every call the same answer. */
    private DynamoDbPwaUserStore storeFacing(ReplayedDynamoDb replayed) {
        engine = replayed;
        return new DynamoDbPwaUserStore(LambdaClients.at(replayed.endpoint()), PwaUsersTable.DEFAULT_NAME);
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void putItem_isConditionalOnTheIdBeingFree_andAsksForTheOldItemOnFailure() {
        storeFacing(ReplayedDynamoDb.answering(200, "{}")).insert(MICKEY, Deadline.none());

        assertThat(engine.received()).singleElement().extracting(ReplayedDynamoDb.Received::body).asString()
                .contains("\"TableName\":\"" + PwaUsersTable.DEFAULT_NAME + "\"",
                        "\"ConditionExpression\":\"attribute_not_exists(#id)\"", "\"#id\":\"" + PwaUsersTable.ID + "\"",
                        "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"")
                .contains("\"" + PwaUsersTable.FIRSTNAME + "\":{\"S\":\"Mickey\"}",
                        "\"" + PwaUsersTable.CREATED_AT + "\":{\"S\":\"2026-11-26T18:00:00.123Z\"}");
    }

    @Test
    void aFailedCondition_onAnotherItem_isATakenId() {
        DynamoDbPwaUserStore store = storeFacing(ReplayedDynamoDb.failing(400, "ConditionalCheckFailedException",
                "\"Item\":" + MICKEY_ITEM.replace("Mickey", "Donald")));

        assertThatThrownBy(() -> store.insert(MICKEY, Deadline.none())).isInstanceOf(IdAlreadyExistsException.class);
    }

    @Test
    void aFailedCondition_onOurOwnItem_isTheSameWriteRetried_notACollision() {
        DynamoDbPwaUserStore store = storeFacing(ReplayedDynamoDb.failing(400, "ConditionalCheckFailedException",
                "\"Item\":" + MICKEY_ITEM));

        store.insert(MICKEY, Deadline.none()); // no exception: the first attempt had landed
    }

    @Test
    void aFailedCondition_withoutTheItem_isUnknown_soUnavailable_neverANewId() {
        DynamoDbPwaUserStore store = storeFacing(ReplayedDynamoDb.failing(400, "ConditionalCheckFailedException", ""));

        assertThatThrownBy(() -> store.insert(MICKEY, Deadline.none()))
                .isExactlyInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aRequestWhoseDeadlineHasPassed_makesNoCall_andIsUnavailable() {
        DynamoDbPwaUserStore store = storeFacing(ReplayedDynamoDb.answering(200, "{}"));

        assertThatThrownBy(() -> store.insert(MICKEY, Deadline.in(Duration.ZERO)))
                .isExactlyInstanceOf(StoreUnavailableException.class).hasMessageContaining("deadline");
        assertThat(engine.received()).isEmpty();
    }

    @Test
    void throttling_afterTheSdksRetries_isUnavailable_withNothingWritten() {
        engine = ReplayedDynamoDb.failing(400, "ProvisionedThroughputExceededException", "");
        // The standard policy waits a random while before it resends a throttled call (up to 1 s, then up to 2 s),
        // and the store's bound on the call (5 s) may end it first on a busy machine, its outcome then unknown.
        // Without the waits, the attempts are the policy's alone, each answered at once.
        DynamoDbPwaUserStore store = new DynamoDbPwaUserStore(LambdaClients.resendingAtOnce(engine.endpoint()),
                PwaUsersTable.DEFAULT_NAME);

        assertThatThrownBy(() -> store.insert(MICKEY, Deadline.none()))
                .asInstanceOf(InstanceOfAssertFactories.type(StoreUnavailableException.class))
                .returns(false, StoreUnavailableException::outcomeUnknown);
        assertThat(engine.awaitReceived(3)).as("attempts, the SDK's standard retry policy").hasSize(3);
    }

    @Test
    void aServerError_afterTheSdksRetries_isUnavailable() {
        DynamoDbPwaUserStore store = storeFacing(ReplayedDynamoDb.failing(500, "InternalServerError", ""));

        assertThatThrownBy(() -> store.insert(MICKEY, Deadline.none())).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aRejectedRequest_isAStoreFailure_notWorthARetry() {
        for (String type : List.of("ResourceNotFoundException", "AccessDeniedException", "ValidationException")) {
            DynamoDbPwaUserStore store = storeFacing(ReplayedDynamoDb.failing(400, type, ""));

            assertThatThrownBy(() -> store.insert(MICKEY, Deadline.none())).isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining(type);
            engine.close();
        }
    }
}
