package pwausers.function.store;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.Limits;
import pwausers.function.domain.StoreUnavailableException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The function's DynamoDB client: its HTTP client, time bounds and retry policy, and where its endpoint, region and
 * credentials come from.
 */
public final class DynamoDbClients {
    /** The standard AWS variables a function's environment map may set (the SDK's own names). */
    public static final String ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String REGION = "AWS_REGION";
    public static final String DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

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
     * A client whose AWS settings come from a function's environment map first: {@value #ENDPOINT_URL_DYNAMODB}
     * (else {@value #ENDPOINT_URL}), {@value #REGION} (else {@value #DEFAULT_REGION}), and {@value #ACCESS_KEY_ID},
     * {@value #SECRET_ACCESS_KEY} and {@value #SESSION_TOKEN} when both keys are there. Whatever the map does not set
     * (or sets blank) comes from the SDK's default chains, as in {@link #standard()}. Nothing process-wide is changed,
     * so that several functions with different settings run in one JVM.
     */
    public static DynamoDbClient fromEnvironment(Map<String, String> environment) {
        DynamoDbClientBuilder builder = builder();
        String endpoint = firstSet(environment, ENDPOINT_URL_DYNAMODB, ENDPOINT_URL);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        String region = firstSet(environment, REGION, DEFAULT_REGION);
        if (region != null) {
            builder.region(Region.of(region));
        }
        String accessKeyId = firstSet(environment, ACCESS_KEY_ID);
        String secretAccessKey = firstSet(environment, SECRET_ACCESS_KEY);
        if (accessKeyId != null && secretAccessKey != null) {
            String sessionToken = firstSet(environment, SESSION_TOKEN);
            AwsCredentials credentials = sessionToken == null
                    ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                    : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
            builder.credentialsProvider(StaticCredentialsProvider.create(credentials));
        }
        return builder.build();
    }

    /**
     * A client builder with the function's HTTP client, time bounds and retry policy: every call is bounded by
     * {@link Limits#STORE_CALL_TIMEOUT}, retries included, and every attempt by {@link Limits#STORE_ATTEMPT_TIMEOUT}
     * (the CRT client has no read timeout of its own: the attempt's bound is the SDK's). Tests and benchmarks add an
     * endpoint to it.
     */
    public static DynamoDbClientBuilder builder() {
        return DynamoDbClient.builder()
                .httpClient(AwsCrtHttpClient.builder() // chosen by measurement: docs/performance.md
                        .connectionTimeout(Limits.STORE_CONNECT_TIMEOUT)
                        .build())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(Limits.STORE_CALL_TIMEOUT)
                        .apiCallAttemptTimeout(Limits.STORE_ATTEMPT_TIMEOUT)
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
        Duration call = deadline.bound(Limits.STORE_CALL_TIMEOUT);
        if (call.toMillis() < 1) {
            throw new StoreUnavailableException("no time left for the " + action + " before the request's deadline",
                    null);
        }
        Duration attempt = call.compareTo(Limits.STORE_ATTEMPT_TIMEOUT) < 0 ? call : Limits.STORE_ATTEMPT_TIMEOUT;
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(call).apiCallAttemptTimeout(attempt).build();
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
