package pwausers.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/** Tells CloudFront to drop its cached copies of the files a deploy changed, and waits until it has. */
final class CdnInvalidation {
    private final CloudFrontClient cloudFront;

    CdnInvalidation(CloudFrontClient cloudFront) {
        this.cloudFront = cloudFront;
    }

    /**
     * The paths to invalidate for those keys: each as /key, and / as well when index.html changed (CloudFront
     * caches the root object under / too).
     */
    static List<String> paths(List<String> changedKeys) {
        List<String> paths = new ArrayList<>();
        for (String key : changedKeys) {
            paths.add("/" + key);
            if (key.equals("index.html")) {
                paths.add("/");
            }
        }
        return paths.stream().sorted().toList();
    }

    /** Creates the invalidation and waits for it to complete (usually under a minute); returns its id. */
    String invalidate(String distributionId, List<String> paths) {
        Invalidation invalidation = cloudFront.createInvalidation(r -> r.distributionId(distributionId)
                .invalidationBatch(b -> b
                        // unique: a batch that repeats an earlier reference would be taken for that one, not redone
                        .callerReference("pwa-users-deploy-" + UUID.randomUUID())
                        .paths(p -> p.quantity(paths.size()).items(paths))))
                .invalidation();
        COMPLETED.run(() -> cloudFront.getInvalidation(r -> r.distributionId(distributionId).id(invalidation.id())));
        return invalidation.id();
    }

    /**
     * Polls every 10 s, for 10 minutes at most, until the status is Completed. The SDK's own waiter compares it
     * case by case; this one does not, so that it also ends on emulators that answer COMPLETED (moto).
     */
    private static final Waiter<GetInvalidationResponse> COMPLETED = Waiter.builder(GetInvalidationResponse.class)
            .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(
                    response -> "Completed".equalsIgnoreCase(response.invalidation().status())))
            .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(response -> true))
            .overrideConfiguration(c -> c.maxAttempts(60)
                    .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofSeconds(10))))
            .build();
}
