package pwausers.function;

import java.nio.charset.StandardCharsets;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.SecureRandomIds;
import pwausers.function.store.DynamoDbPwaUserStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What SnapStart priming runs of the function itself (the users' store runs it, as the CRaC resource that owns the
 * client: {@link DynamoDbPwaUserStore#primeBeforeSnapshot}): before the snapshot, whole invocations on a canned
 * client, so that the request path's classes are loaded and its code compiled in the snapshot; after a restore,
 * fresh random state for the ids. It writes nothing: the canned client's endpoint answers every call at once.
 */
final class SnapStartPriming implements DynamoDbPwaUserStore.SnapshotPriming {
    /**
     * Whole invocations before the snapshot on a DynamoDB client whose HTTP answers at once, with no network: enough
     * for the JIT to compile the request path and the SDK's pipeline, so that the snapshot holds compiled code.
     */
    static final int REQUEST_PATH_RUNS = 5_000;
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
    private final SecureRandomIds ids;

    SnapStartPriming(Configuration configuration, SecureRandomIds ids) {
        this.configuration = configuration;
        this.ids = ids;
    }

    @Override
    public void requestPath(DynamoDbClient canned) {
        AddPwaUserHandler handler = new AddPwaUserHandler(AddPwaUserHandler.Dependencies.on(configuration, canned));
        for (int i = 0; i < REQUEST_PATH_RUNS; i++) {
            handler.answer(EVENTS[i % EVENTS.length], "priming", System.nanoTime(), Deadline.none());
        }
    }

    @Override
    public void afterRestore() {
        ids.renew();
    }

    private static byte[] event(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
