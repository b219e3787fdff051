package pwausers.function;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.crac.Core;
import org.crac.Resource;
import pwausers.function.domain.SecureRandomIds;
import pwausers.function.store.DynamoDbPwaUserStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.warmup.http.CannedResponseHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming (a CRaC {@link Resource}): before Lambda snapshots the initialised function, run the request
 * path and the DynamoDB client so that their classes are loaded and their code compiled in the snapshot; after a
 * restore, make the random state fresh (a connection kept from before the snapshot that has died is replaced by the
 * SDK's retry).
 *
 * <p>Without SnapStart (or off Lambda) the hooks are never called and this costs nothing but its registration.
 * Priming writes nothing: whole invocations run on a client whose HTTP answers at once without a network, and the
 * real client's calls are PutItems whose condition cannot hold (see {@link DynamoDbPwaUserStore#prime}).
 */
final class SnapStartPriming implements Resource {
    /** Set by Lambda: on-demand, provisioned-concurrency, or snap-start. */
    static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";
    /**
     * Whole invocations before the snapshot on a DynamoDB client whose HTTP answers at once, with no network: enough
     * for the JIT to compile the request path and the SDK's pipeline, so that the snapshot holds compiled code.
     */
    static final int REQUEST_PATH_RUNS = 5_000;
    /** Real DynamoDB calls before the snapshot (each is a refused conditional PutItem: nothing is stored). */
    static final int CLIENT_RUNS = 3;
    private static final byte[] EMPTY_JSON = {'{', '}'};
    private static final byte[][] EVENTS = {
        event("{\"httpMethod\":\"POST\",\"path\":\"/pwausers\",\"headers\":{\"content-type\":\"application/json\"},"
                + "\"body\":\"{\\\"fname\\\":\\\"Mickey\\\",\\\"lname\\\":\\\"Mouse\\\"}\"}"),
        event("{\"version\":\"2.0\",\"rawPath\":\"/pwausers\",\"headers\":{\"content-type\":\"application/json\"},"
                + "\"requestContext\":{\"http\":{\"method\":\"POST\"},\"stage\":\"$default\"},"
                + "\"body\":\"eyJmbmFtZSI6Ik1pY2tleSIsImxuYW1lIjoiTW91c2UifQ==\",\"isBase64Encoded\":true}"),
        event("{\"httpMethod\":\"POST\",\"path\":\"/pwausers\",\"body\":\"{\\\"fname\\\":\\\"\\\"}\"}"),
    };

    private final Configuration configuration;
    private final DynamoDbPwaUserStore store;
    private final SecureRandomIds ids;

    private SnapStartPriming(Configuration configuration, DynamoDbPwaUserStore store, SecureRandomIds ids) {
        this.configuration = configuration;
        this.store = store;
        this.ids = ids;
    }

    /**
     * Registers the hooks when Lambda initialises the function for a SnapStart snapshot
     * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}); otherwise does nothing and returns null, so that an
     * ordinary cold start does not even load the CRaC classes. The caller keeps the returned object (CRaC holds
     * resources weakly).
     */
    static SnapStartPriming registerIfSnapStart(Configuration configuration, DynamoDbPwaUserStore store,
                                                SecureRandomIds ids) {
        if (!SNAP_START.equals(System.getenv(INITIALIZATION_TYPE))) {
            return null;
        }
        return register(configuration, store, ids);
    }

    /** Registers the hooks; the caller keeps the returned object (CRaC holds resources weakly). */
    static SnapStartPriming register(Configuration configuration, DynamoDbPwaUserStore store,
                                     SecureRandomIds ids) {
        SnapStartPriming priming = new SnapStartPriming(configuration, store, ids);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        ids.renew();
    }

    /**
     * Runs whole invocations on a client with canned answers (the SDK's own CannedResponseHttpClient: the same
     * pipeline, no network, nothing stored), then the real client a few times (its HTTP client, TLS and credentials).
     */
    void prime() throws IOException {
        try (DynamoDbClient canned = DynamoDbPwaUserStore.clientBuilder()
                .httpClient(CannedResponseHttpClient.builder().statusCode(200).responseBody(EMPTY_JSON).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build()) {
            AddPwaUserHandler handler = new AddPwaUserHandler(configuration, canned);
            for (int i = 0; i < REQUEST_PATH_RUNS; i++) {
                handler.handleRequest(new ByteArrayInputStream(EVENTS[i % EVENTS.length]), new ByteArrayOutputStream(),
                        QUIET);
            }
        }
        for (int i = 0; i < CLIENT_RUNS; i++) {
            store.prime(ids.next());
        }
    }

    /** A context whose log lines go nowhere: priming and warm-up runs are not requests. */
    static final Context QUIET = new QuietContext();

    private static byte[] event(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The context of a priming run: its log lines go nowhere (they are not requests). */
    private static final class QuietContext implements Context, LambdaLogger {
        @Override public String getAwsRequestId() { return "snapstart-priming"; }
        @Override public String getLogGroupName() { return null; }
        @Override public String getLogStreamName() { return null; }
        @Override public String getFunctionName() { return null; }
        @Override public String getFunctionVersion() { return null; }
        @Override public String getInvokedFunctionArn() { return null; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return Integer.MAX_VALUE; }
        @Override public int getMemoryLimitInMB() { return 0; }
        @Override public LambdaLogger getLogger() { return this; }
        @Override public void log(String message) { }
        @Override public void log(byte[] message) { }
    }
}
