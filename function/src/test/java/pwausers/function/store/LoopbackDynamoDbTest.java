package pwausers.function.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.PwaUsersTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The endpoint SnapStart priming runs the client against: every call succeeds, on connections kept alive. */
class LoopbackDynamoDbTest {
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    @Test
    void everyCall_getsDynamoDbsEmptySuccess_overAndOverOnOneClient() throws IOException {
        try (LoopbackDynamoDb loopback = new LoopbackDynamoDb();
             DynamoDbClient client = DynamoDbClients.builder()
                     .endpointOverride(loopback.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                     // the function's HTTP client, without its time bounds: a busy machine may be slow to answer
                     .overrideConfiguration(o -> o.apiCallTimeout(PATIENCE).apiCallAttemptTimeout(PATIENCE))
                     .build()) {
            for (int i = 0; i < 50; i++) {
                String id = "id-" + "x".repeat(i * 100); // bodies of many sizes
                assertThat(client.putItem(b -> b.tableName(PwaUsersTable.DEFAULT_NAME)
                        .item(Map.of(PwaUsersTable.ID, AttributeValue.fromS(id))))
                        .sdkHttpResponse().isSuccessful()).isTrue();
            }
            assertThat(client.getItem(b -> b.tableName(PwaUsersTable.DEFAULT_NAME)
                    .key(Map.of(PwaUsersTable.ID, AttributeValue.fromS("id")))).hasItem()).isFalse();
        }
    }
}
