package pwausers.function;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserStore;
import pwausers.function.domain.SecureRandomIds;
import pwausers.function.store.DynamoDbPwaUserStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A cold start's side work, on a second thread while the constructor builds the DynamoDB client: seeds the id
 * generator, runs the request path once against a store that keeps nothing, and loads the JDK's HMAC and SHA-256
 * (SigV4) and the PutItem model. All of it would otherwise happen on the first request, one step after another;
 * none of it is extra work.
 *
 * <p>Measured by {@code ./pwa-users bench}: the first request's lazy setup overlaps the client's construction.
 * It only helps where a second CPU is free (the bench's pinned rows show the single-CPU case). It writes nothing,
 * logs nothing, and a failure here changes nothing: the first request then does the work itself. Not used for a
 * SnapStart snapshot, where {@link SnapStartPriming} does more, before the snapshot.
 */
final class StartupWarmUp implements Runnable {
    /**
     * The workshop's request, as a REST API event: the request path's warm-up and SnapStart's priming run it (kept
     * here, not in SnapStartPriming, so that a cold start without SnapStart loads no CRaC class).
     */
    static final byte[] WORKSHOP_EVENT = ("{\"httpMethod\":\"POST\",\"path\":\"/pwausers\","
            + "\"headers\":{\"content-type\":\"application/json\"},"
            + "\"body\":\"{\\\"fname\\\":\\\"Mickey\\\",\\\"lname\\\":\\\"Mouse\\\"}\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Configuration configuration;
    private final SecureRandomIds ids;

    private StartupWarmUp(Configuration configuration, SecureRandomIds ids) {
        this.configuration = configuration;
        this.ids = ids;
    }

    /** Starts the side work on a daemon thread (never for a SnapStart snapshot: priming does more, before it). */
    static void start(Configuration configuration, SecureRandomIds ids) {
        Thread thread = new Thread(new StartupWarmUp(configuration, ids), "pwa-users-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** The warm-up's store: it writes nothing and holds nothing. */
    private static final class KeepsNothing implements PwaUserStore {
        @Override
        public void insert(PwaUser user, Deadline deadline) {
        }

        @Override
        public Optional<PwaUser> find(String id, Deadline deadline) {
            return Optional.empty();
        }

        @Override
        public boolean delete(String id, Deadline deadline) {
            return false;
        }
    }

    @Override
    public void run() {
        try {
            ids.next(); // seeds the SecureRandom (the security providers load with it)
            new AddPwaUserHandler(new AddPwaUserHandler.Dependencies(configuration, new KeepsNothing(), null, ids,
                    Clock.systemUTC())) // no key: no idempotency store
                    .answer(WORKSHOP_EVENT, "warm-up", System.nanoTime(), Deadline.none());
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            hmac.doFinal(WORKSHOP_EVENT);
            MessageDigest.getInstance("SHA-256").digest(WORKSHOP_EVENT);
            // the PutItem model only: a second client with a canned HTTP answer would build a whole client again,
            // on the fraction of a CPU that Lambda gives 1024 MB, and cost the cold start more than it saves
            DynamoDbPwaUserStore.conditionalPut(configuration.tableName(),
                    Map.of(PwaUsersTable.ID, AttributeValue.fromS(ids.next()))).hashCode();
        } catch (GeneralSecurityException | RuntimeException e) {
            // the first request does the same work itself
        }
    }
}
