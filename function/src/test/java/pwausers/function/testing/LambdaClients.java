package pwausers.function.testing;

import java.net.URI;
import pwausers.function.store.DynamoDbClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** DynamoDB clients built as the function builds its own on Lambda (time bounds, retries), pointed at a test engine. */
public final class LambdaClients {
    private LambdaClients() {
    }

    /** The function's client on this endpoint; the interceptors see every attempt of every call. */
    public static DynamoDbClient at(URI endpoint, ExecutionInterceptor... interceptors) {
        DynamoDbClientBuilder builder = builder(endpoint);
        // overrideConfiguration(Consumer) would replace the function's time bounds: add to them instead
        var configuration = builder.overrideConfiguration().toBuilder();
        for (ExecutionInterceptor interceptor : interceptors) {
            configuration.addExecutionInterceptor(interceptor);
        }
        return builder.overrideConfiguration(configuration.build()).build();
    }

    /**
     * The function's client on this endpoint, but resending at once what its retry policy resends (the same number of
     * attempts, on the same failures): the policy's waits before a resend are random, and may outlast the store's
     * bound on the call.
     */
    public static DynamoDbClient resendingAtOnce(URI endpoint) {
        RetryStrategy policy;
        try (DynamoDbClient function = at(endpoint)) {
            policy = function.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow();
        }
        RetryStrategy atOnce = policy.toBuilder()
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .build();
        DynamoDbClientBuilder builder = builder(endpoint);
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().retryStrategy(atOnce).build())
                .build();
    }

    private static DynamoDbClientBuilder builder(URI endpoint) {
        return DynamoDbClients.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }
}
