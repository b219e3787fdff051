package pwausers.function.store;

import java.time.Duration;
import pwausers.function.contract.Limits;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.StoreBounds;
import pwausers.function.domain.StoreUnavailableException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The function's DynamoDB client: its HTTP client, time bounds and retry policy, and where its endpoint, region and
 * credentials come from.
 */
public final class DynamoDbClients {
    private DynamoDbClients() {
    }

    /**
     * The client Lambda uses: endpoint, region and credentials from the SDK's default chains alone (the process's
     * environment and system properties, profiles; on Lambda, the role's credentials, which SnapStart refreshes).
     */
    public static DynamoDbClient standard() {
        return builder().build();
    }

    /**
     * A client builder with the function's HTTP client, time bounds and retry policy: every call is bounded by
     * {@link Limits#STORE_CALL_TIMEOUT}, retries included, and every attempt by {@link Limits#STORE_ATTEMPT_TIMEOUT}
     * (the CRT client has no read timeout of its own: the attempt's bound is the SDK's). Tests and benchmarks add an
     * endpoint to it.
     */
    public static DynamoDbClientBuilder builder() {
        return DynamoDbClient.builder()
                // chosen by measurement (docs/performance.md); given as a builder, so that the SDK owns the HTTP
                // client and closes it, its connections with it, when the DynamoDB client is closed (one given built
                // is left open: SnapStart priming's clients would leave their connections in the snapshot)
                .httpClientBuilder(AwsCrtHttpClient.builder().connectionTimeout(StoreBounds.STORE_CONNECT_TIMEOUT))
                .overrideConfiguration(o -> o
                        .apiCallTimeout(StoreBounds.STORE_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(StoreBounds.STORE_ATTEMPT_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD));
    }

    /**
     * The time bounds of one call made for a request: the client's own ({@link Limits#STORE_CALL_TIMEOUT}, retries
     * included, and {@link Limits#STORE_ATTEMPT_TIMEOUT} per attempt), each cut to what remains before the request's
     * deadline. Several calls in a row then end by the deadline together, not each a whole bound later.
     *
     * @throws StoreUnavailableException when no time remains: the call is not made (the SDK takes a bound under a
     *                                   millisecond for none at all)
     */
    static AwsRequestOverrideConfiguration within(Deadline deadline, String action) {
        Duration call = deadline.bound(StoreBounds.STORE_CALL_TIMEOUT);
        if (call.toMillis() < 1) {
            throw StoreUnavailableException.nothingWritten("no time left for the " + action
                    + " before the request's deadline", null);
        }
        Duration attempt = call.compareTo(StoreBounds.STORE_ATTEMPT_TIMEOUT) < 0 ? call : StoreBounds.STORE_ATTEMPT_TIMEOUT;
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(call).apiCallAttemptTimeout(attempt).build();
    }
}
