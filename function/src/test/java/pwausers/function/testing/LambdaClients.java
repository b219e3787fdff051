package pwausers.function.testing;

import java.net.URI;
import pwausers.function.store.DynamoDbClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** DynamoDB clients built as the function builds its own on Lambda (time bounds, retries), pointed at a test engine. */
public final class LambdaClients {
    private LambdaClients() {
    }

    /** The function's client on this endpoint; the interceptors see every attempt of every call. */
    public static DynamoDbClient at(URI endpoint, ExecutionInterceptor... interceptors) {
        DynamoDbClientBuilder builder = DynamoDbClients.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        // overrideConfiguration(Consumer) would replace the function's time bounds: add to them instead
        var configuration = builder.overrideConfiguration().toBuilder();
        for (ExecutionInterceptor interceptor : interceptors) {
            configuration.addExecutionInterceptor(interceptor);
        }
        return builder.overrideConfiguration(configuration.build()).build();
    }
}
