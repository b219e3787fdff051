package pwausers.function.store;

import java.util.Map;
import pwausers.function.Limits;
import pwausers.function.domain.PwaUser;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** Stores entries with one conditional PutItem each: the only DynamoDB action the function's role allows. */
public final class DynamoDbPwaUserStore implements PwaUserStore {
    private static final String ID_NOT_TAKEN = "attribute_not_exists(#id)";
    private static final Map<String, String> ID_NAME = Map.of("#id", PwaUsersTable.ID);

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbPwaUserStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /**
     * A client for Lambda: region, credentials and endpoint come from the standard AWS settings
     * ({@code AWS_REGION}, the credentials chain, {@code AWS_ENDPOINT_URL_DYNAMODB} or {@code AWS_ENDPOINT_URL}).
     */
    public static DynamoDbClient defaultClient() {
        return clientBuilder().build();
    }

    /**
     * A client builder with the function's HTTP client, time bounds and retry policy: every call is bounded by
     * {@link Limits#STORE_CALL_TIMEOUT}, retries included. The local stack and the tests add an endpoint to it.
     */
    public static DynamoDbClientBuilder clientBuilder() {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Limits.STORE_CONNECT_TIMEOUT)
                        .socketTimeout(Limits.STORE_ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(Limits.STORE_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(Limits.STORE_ATTEMPT_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD));
    }

    @Override
    public void insert(PwaUser user) {
        Map<String, AttributeValue> item = toItem(user);
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression(ID_NOT_TAKEN)
                .expressionAttributeNames(ID_NAME)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        try {
            client.putItem(request);
        } catch (ConditionalCheckFailedException e) {
            // The SDK retries a PutItem whose answer was lost; if that first attempt landed, the retry finds
            // our own item. It is the same write, not a collision: report success rather than a second entry.
            if (e.hasItem() && item.equals(e.item())) {
                return;
            }
            throw new IdAlreadyExistsException(user.id(), e);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new StoreUnavailableException("DynamoDB is throttling or failing: " + errorCode(e), e);
            }
            throw new StoreException("DynamoDB rejected the PutItem: " + errorCode(e), e);
        } catch (SdkClientException e) {
            throw new StoreUnavailableException("DynamoDB could not be reached in time", e);
        } catch (SdkException e) {
            throw new StoreException("PutItem failed", e);
        }
    }

    static Map<String, AttributeValue> toItem(PwaUser user) {
        return Map.of(
                PwaUsersTable.ID, AttributeValue.fromS(user.id()),
                PwaUsersTable.FIRSTNAME, AttributeValue.fromS(user.firstname()),
                PwaUsersTable.LASTNAME, AttributeValue.fromS(user.lastname()),
                PwaUsersTable.CREATED_AT, AttributeValue.fromS(user.createdAt().toString()));
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? String.valueOf(e.statusCode()) : e.awsErrorDetails().errorCode();
    }
}
