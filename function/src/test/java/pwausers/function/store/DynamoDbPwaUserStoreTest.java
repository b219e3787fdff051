package pwausers.function.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pwausers.function.domain.PwaUser;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How the store reads DynamoDB's answers that dynalite never gives (throttling, server errors, the old item on a
 * failed condition): a loopback HTTP endpoint replays DynamoDB's wire format to the real SDK client.
 * Everything else about storage is tested against dynalite (AddPwaUserHandlerIT).
 */
class DynamoDbPwaUserStoreTest {
    private static final PwaUser MICKEY =
            new PwaUser("6C-LRYNh42Hj3pdh4Ob5OA", "Mickey", "Mouse", Instant.parse("2026-11-26T18:00:00.123Z"));
    private static final String MICKEY_ITEM = "{\"PwaUserID\":{\"S\":\"6C-LRYNh42Hj3pdh4Ob5OA\"},"
            + "\"Firstname\":{\"S\":\"Mickey\"},\"Lastname\":{\"S\":\"Mouse\"},"
            + "\"CreatedAt\":{\"S\":\"2026-11-26T18:00:00.123Z\"}}";

    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;

    /** Answers every PutItem with this status and body. */
    private DynamoDbPwaUserStore storeAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new DynamoDbPwaUserStore(DynamoDbPwaUserStore.clientBuilder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build(), "PwaUsers");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void putItem_isConditionalOnTheIdBeingFree_andAsksForTheOldItemOnFailure() throws IOException {
        storeAnswering(200, "{}").insert(MICKEY);

        assertThat(requests).singleElement().asString()
                .contains("\"TableName\":\"PwaUsers\"", "\"ConditionExpression\":\"attribute_not_exists(#id)\"",
                        "\"#id\":\"PwaUserID\"", "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"")
                .contains("\"Firstname\":{\"S\":\"Mickey\"}", "\"CreatedAt\":{\"S\":\"2026-11-26T18:00:00.123Z\"}");
    }

    @Test
    void aFailedCondition_onAnotherItem_isATakenId() throws IOException {
        DynamoDbPwaUserStore store = storeAnswering(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "ConditionalCheckFailedException\",\"message\":\"The conditional request failed\",\"Item\":"
                + MICKEY_ITEM.replace("Mickey", "Donald") + "}");

        assertThatThrownBy(() -> store.insert(MICKEY)).isInstanceOf(IdAlreadyExistsException.class);
    }

    @Test
    void aFailedCondition_onOurOwnItem_isTheSameWriteRetried_notACollision() throws IOException {
        DynamoDbPwaUserStore store = storeAnswering(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "ConditionalCheckFailedException\",\"message\":\"The conditional request failed\",\"Item\":"
                + MICKEY_ITEM + "}");

        store.insert(MICKEY); // no exception: the first attempt had landed
    }

    @Test
    void aFailedCondition_withoutTheItem_isUnknown_soUnavailable_neverANewId() throws IOException {
        DynamoDbPwaUserStore store = storeAnswering(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}");

        assertThatThrownBy(() -> store.insert(MICKEY)).isExactlyInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void throttling_afterTheSdksRetries_isUnavailable() throws IOException {
        DynamoDbPwaUserStore store = storeAnswering(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "ProvisionedThroughputExceededException\",\"message\":\"Rate exceeded\"}");

        assertThatThrownBy(() -> store.insert(MICKEY)).isInstanceOf(StoreUnavailableException.class);
        assertThat(calls.get()).as("attempts, the SDK's standard retry policy").isEqualTo(3);
    }

    @Test
    void aServerError_afterTheSdksRetries_isUnavailable() throws IOException {
        DynamoDbPwaUserStore store = storeAnswering(500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "InternalServerError\",\"message\":\"Internal server error\"}");

        assertThatThrownBy(() -> store.insert(MICKEY)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aRejectedRequest_isAStoreFailure_notWorthARetry() throws IOException {
        for (String type : List.of("ResourceNotFoundException", "AccessDeniedException", "ValidationException")) {
            DynamoDbPwaUserStore store = storeAnswering(400,
                    "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"no\"}");

            assertThatThrownBy(() -> store.insert(MICKEY)).isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining(type);
            server.stop(0);
        }
    }
}
