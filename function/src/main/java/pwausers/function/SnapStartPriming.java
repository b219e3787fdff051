package pwausers.function;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.crac.Core;
import org.crac.Resource;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.SecureRandomIds;
import pwausers.function.store.DynamoDbClients;
import pwausers.function.store.DynamoDbPwaUserStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
    /**
     * Whole invocations before the snapshot on a DynamoDB client whose HTTP answers at once, with no network: enough
     * for the JIT to compile the request path and the SDK's pipeline, so that the snapshot holds compiled code.
     */
    static final int REQUEST_PATH_RUNS = 5_000;
    /** Real DynamoDB calls before the snapshot (each is a refused conditional PutItem: nothing is stored). */
    static final int CLIENT_RUNS = 3;
    private static final byte[][] EVENTS = {
        StartupWarmUp.WORKSHOP_EVENT,
        event("{\"version\":\"2.0\",\"rawPath\":\"/pwausers\",\"headers\":{\"content-type\":\"application/json\"},"
                + "\"requestContext\":{\"http\":{\"method\":\"POST\"},\"stage\":\"$default\"},"
                + "\"body\":\"eyJmbmFtZSI6Ik1pY2tleSIsImxuYW1lIjoiTW91c2UifQ==\",\"isBase64Encoded\":true}"),
        event("{\"httpMethod\":\"POST\",\"path\":\"/pwausers\",\"body\":\"{\\\"fname\\\":\\\"\\\"}\"}"),
        // with an Idempotency-Key: its claim, the payload's hash and the completion, which a keyed first request
        // after a restore would otherwise load and interpret (the canned client stores nothing, whatever the key)
        event("{\"httpMethod\":\"POST\",\"path\":\"/pwausers\",\"headers\":{\"content-type\":\"application/json\","
                + "\"Idempotency-Key\":\"snapstart-priming\"},"
                + "\"body\":\"{\\\"fname\\\":\\\"Mickey\\\",\\\"lname\\\":\\\"Mouse\\\"}\"}"),
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
     * Registers the hooks; the caller keeps the returned object (CRaC holds resources weakly). Called only when
     * Lambda initialises the function for a SnapStart snapshot ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}),
     * so that an ordinary cold start does not even load this class or CRaC's.
     */
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
     * Runs whole invocations on a client of a loopback endpoint that answers every call at once with DynamoDB's empty
     * success (the same pipeline and HTTP client, nothing stored, no network), then the real client a few times (its
     * connection, TLS and credentials).
     */
    void prime() throws IOException {
        try (LoopbackDynamoDb loopback = new LoopbackDynamoDb();
             DynamoDbClient canned = DynamoDbClients.builder()
                .endpointOverride(loopback.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build()) {
            AddPwaUserHandler handler = new AddPwaUserHandler(configuration, canned);
            for (int i = 0; i < REQUEST_PATH_RUNS; i++) {
                handler.answer(EVENTS[i % EVENTS.length], "priming", System.nanoTime(), Deadline.none());
            }
        } // closed: no socket of it goes into the snapshot
        for (int i = 0; i < CLIENT_RUNS; i++) {
            store.prime(ids.next());
        }
    }

    private static byte[] event(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
