package pwausers.function.testkit;

import java.net.URI;
import java.util.Map;
import pwausers.function.contract.Environment;
import pwausers.function.store.DynamoDbClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The function's DynamoDB client ({@link DynamoDbClients#builder()}: its HTTP client, time bounds and retries) with
 * the AWS settings a function environment map gives, for tests that run handlers on local engines in their own JVM,
 * whose process environment they cannot set (on Lambda the SDK's default chains read it: {@link
 * DynamoDbClients#standard()}).
 */
public final class EnvironmentClients {
    private EnvironmentClients() {
    }

    /**
     * A client whose AWS settings come from this map first: {@value Environment#ENDPOINT_URL_DYNAMODB} (else
     * {@value Environment#ENDPOINT_URL}), {@value Environment#REGION} (else {@value Environment#DEFAULT_REGION}), and
     * {@value Environment#ACCESS_KEY_ID}, {@value Environment#SECRET_ACCESS_KEY} and {@value Environment#SESSION_TOKEN}
     * when both keys are there. Whatever the map does not set (or sets blank) comes from the SDK's default chains.
     * Nothing process-wide is changed, so that clients of different engines live in one JVM.
     */
    public static DynamoDbClient fromEnvironment(Map<String, String> environment) {
        DynamoDbClientBuilder builder = DynamoDbClients.builder();
        String endpoint = firstSet(environment, Environment.ENDPOINT_URL_DYNAMODB, Environment.ENDPOINT_URL);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        String region = firstSet(environment, Environment.REGION, Environment.DEFAULT_REGION);
        if (region != null) {
            builder.region(Region.of(region));
        }
        String accessKeyId = firstSet(environment, Environment.ACCESS_KEY_ID);
        String secretAccessKey = firstSet(environment, Environment.SECRET_ACCESS_KEY);
        if (accessKeyId != null && secretAccessKey != null) {
            String sessionToken = firstSet(environment, Environment.SESSION_TOKEN);
            AwsCredentials credentials = sessionToken == null
                    ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                    : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
            builder.credentialsProvider(StaticCredentialsProvider.create(credentials));
        }
        return builder.build();
    }

    /** The value of the first of these variables that is set and not blank, or null. */
    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
