package pwausers.deploy;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import pwausers.local.engine.PythonModules;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * moto's server ({@code python3 -m moto.server}, on the machine image) on a free loopback port: S3, CloudFront,
 * CloudFormation, DynamoDB, IAM and more, each answering as AWS's endpoint would, all in memory. The local engine's
 * own {@link pwausers.local.engine.MotoServer} (which dies with this JVM, kill -9 included), with what a deploy's
 * clients and processes need to reach it. One server for all the test classes of a run (starting Python is the slow
 * part): each test keeps to stacks, buckets and tables of its own names.
 */
final class MotoServer {
    static final String REGION = "us-east-1";
    static final String ACCESS_KEY = "testing";
    static final String SECRET_KEY = "testing";

    private static MotoServer shared;

    private final pwausers.local.engine.MotoServer server;

    private MotoServer(pwausers.local.engine.MotoServer server) {
        this.server = server;
    }

    /**
     * The run's server, started on first use and stopped when the test JVM exits; without python3's moto, outside CI,
     * the test is skipped, saying why.
     */
    static synchronized MotoServer shared() {
        PythonModules.skipReason("moto.server", pwausers.local.engine.MotoServer.INSTALL).ifPresent(Assumptions::abort);
        if (shared == null) {
            pwausers.local.engine.MotoServer server = pwausers.local.engine.MotoServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-moto"));
            shared = new MotoServer(server);
        }
        return shared;
    }

    String endpoint() {
        return server.endpoint().toString();
    }

    /** The environment that points a process's AWS SDK (and SAM's translator) at this server. */
    Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL", endpoint(), "AWS_REGION", REGION, "AWS_DEFAULT_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    /** An SDK client builder pointed at this server. */
    <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(server.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }
}
