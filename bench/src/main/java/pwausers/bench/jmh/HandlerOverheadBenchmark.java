package pwausers.bench.jmh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import pwausers.bench.child.BenchContext;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.Configuration;
import pwausers.function.store.DynamoDbClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.warmup.http.CannedResponseHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the function costs in CPU per invocation with no network at all: the DynamoDB client answers from the SDK's
 * own CannedResponseHttpClient. {@code sdkPutItem} is the SDK alone (endpoint rules, SigV4, marshalling, retry
 * and timeout machinery, unmarshalling); {@code handler} is the whole invocation (event parsing, validation, id,
 * the same SDK call, the answer and the log line). Their difference is this project's own code. Compare with the
 * bench's "handler overhead over raw PutItem", which also pays for the network twice as many bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
public class HandlerOverheadBenchmark {
    private static final byte[] EVENT = ("{\"httpMethod\":\"POST\",\"path\":\"/pwausers\",\"headers\":{\"content-type\":"
            + "\"application/json\"},\"body\":\"{\\\"fname\\\":\\\"Mickey\\\",\\\"lname\\\":\\\"Mouse\\\"}\"}")
            .getBytes(StandardCharsets.UTF_8);

    private DynamoDbClient client;
    private AddPwaUserHandler handler;
    private BenchContext context;

    @Setup
    public void setUp() {
        client = DynamoDbClients.builder()
                .httpClient(CannedResponseHttpClient.builder().statusCode(200)
                        .responseBody("{}".getBytes(StandardCharsets.UTF_8)).build())
                .endpointOverride(URI.create("http://127.0.0.1:8000"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        handler = new AddPwaUserHandler(new Configuration("PwaUsers", "*"), client);
        context = new BenchContext("jmh", null);
    }

    @Benchmark
    public Object sdkPutItem() {
        return client.putItem(b -> b.tableName("PwaUsers")
                .item(Map.of("PwaUserID", AttributeValue.fromS(UUID.randomUUID().toString()),
                        "Firstname", AttributeValue.fromS("Mickey"), "Lastname", AttributeValue.fromS("Mouse")))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", "PwaUserID")));
    }

    @Benchmark
    public byte[] handler() throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream(512);
        handler.handleRequest(new ByteArrayInputStream(EVENT), answer, context);
        return answer.toByteArray();
    }
}
