package pwausers.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.cli.DeployArguments;
import pwausers.deploy.WebFiles.WebFile;
import pwausers.local.engine.ProjectFiles;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * ./pwa-users deploy as a user runs it: a process of its own, its AWS SDK pointed at moto's S3, CloudFront and
 * CloudFormation by the standard AWS_ENDPOINT_URL variable, a stack whose outputs name a bucket and a distribution.
 */
class DeployCommandIT {
    private static MotoServer moto;
    private static S3Client s3;
    private static CloudFrontClient cloudFront;
    private static CloudFormationClient cloudFormation;
    private static final AtomicInteger STACKS = new AtomicInteger();

    @TempDir
    Path root;
    private String stack;
    private String bucket;
    private String distribution;

    @BeforeAll
    static void clients() throws Exception {
        moto = MotoServer.shared();
        s3 = moto.client(S3Client.builder().forcePathStyle(true));
        cloudFront = moto.client(CloudFrontClient.builder());
        cloudFormation = moto.client(CloudFormationClient.builder());
    }

    @AfterAll
    static void closeClients() {
        if (moto != null) {
            s3.close();
            cloudFront.close();
            cloudFormation.close();
        }
    }

    /** A copy of what the command reads (web/, samconfig.toml, template.yaml), and a stack deployed in moto. */
    @BeforeEach
    void deployedStack() throws IOException {
        Path repository = ProjectFiles.root();
        copy(repository.resolve("web"), root.resolve("web"));
        Files.copy(repository.resolve("samconfig.toml"), root.resolve("samconfig.toml"));
        Files.copy(repository.resolve("template.yaml"), root.resolve("template.yaml"));

        stack = "pwa-users-test-" + STACKS.incrementAndGet();
        bucket = stack + "-web";
        s3.createBucket(r -> r.bucket(bucket));
        distribution = cloudFront.createDistribution(r -> r.distributionConfig(c -> c
                .callerReference(stack).comment(stack).enabled(true).defaultRootObject("index.html")
                .origins(o -> o.quantity(1).items(i -> i.id("web").domainName(bucket + ".s3.us-east-1.amazonaws.com")
                        .s3OriginConfig(s -> s.originAccessIdentity(""))))
                .defaultCacheBehavior(b -> b.targetOriginId("web").viewerProtocolPolicy("redirect-to-https")
                        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"))))
                .distribution().id();
        cloudFormation.createStack(r -> r.stackName(stack).templateBody("""
                {"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}},
                 "Outputs": {"%s": {"Value": "https://%s.cloudfront.net/"}, "%s": {"Value": "%s"}, "%s": {"Value": "%s"}}}
                """.formatted(StackOutputs.WEB_URL, distribution.toLowerCase(), StackOutputs.WEB_BUCKET_NAME, bucket,
                StackOutputs.WEB_DISTRIBUTION_ID, distribution)));
    }

    @Test
    void help_saysWhatItNeeds() throws Exception {
        Run run = deploy(Map.of(), "--help");

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("credentials", "region", "SAM CLI", "make", "--web-only", "--stack-name", "--parameter");
    }

    @Test
    void withoutSamCli_itSaysHowToGetIt_andChangesNothing() throws Exception {
        Run run = deploy(Map.of("PATH", "/usr/bin:/bin"), "--stack-name", stack);

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err).contains("SAM CLI (sam) is not on the PATH", DeployArguments.SAM_CLI_INSTALL_URL, "Nothing was changed",
                "--web-only");
        assertThat(objects()).isEmpty();
    }

    @Test
    void webOnly_uploadsTheApp_withItsTypesAndCaching_invalidatesWhatChanged_andPrintsTheUrl() throws Exception {
        Run first = deploy(Map.of(), "--web-only", "--stack-name", stack);

        assertThat(first.exit).as(first.err).isZero();
        assertThat(first.out).endsWith("The web app: https://" + distribution.toLowerCase() + ".cloudfront.net/\n");
        List<WebFile> files = WebFiles.in(root.resolve("web"));
        assertThat(objects().keySet()).containsExactlyElementsOf(files.stream().map(WebFile::key).toList())
                .contains("index.html", "sw.js", "manifest.webmanifest", "icons/icon-192.png")
                .doesNotContain("README.md", "tools/make_icons.py", "test/queue.test.mjs");
        assertThat(head("index.html").contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(head("index.html").cacheControl()).isEqualTo(WebFiles.REVALIDATE);
        assertThat(head("sw.js").cacheControl()).isEqualTo(WebFiles.REVALIDATE);
        assertThat(head("manifest.webmanifest").contentType()).isEqualTo("application/manifest+json");
        assertThat(head("app.mjs").contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(head("app.mjs").cacheControl()).isEqualTo(WebFiles.REVALIDATE);
        assertThat(head("styles.css").cacheControl()).isEqualTo(WebFiles.CACHED);
        assertThat(head("icons/icon-192.png").contentType()).isEqualTo("image/png");
        assertThat(invalidations()).hasSize(1);

        Run unchanged = deploy(Map.of(), "--web-only", "--stack-name", stack);
        assertThat(unchanged.exit).as(unchanged.err).isZero();
        assertThat(unchanged.out).contains("0 uploaded", "nothing changed");
        assertThat(invalidations()).hasSize(1);

        Files.writeString(root.resolve("web/app.mjs"), "\n// changed\n", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(root.resolve("web/icons/icon-512.png"));
        Run changed = deploy(Map.of(), "--web-only", "--stack-name", stack);
        assertThat(changed.exit).as(changed.err).isZero();
        assertThat(changed.out).contains("1 uploaded [app.mjs], 1 deleted [icons/icon-512.png]",
                "Invalidating [/app.mjs, /icons/icon-512.png]");
        assertThat(objects()).doesNotContainKey("icons/icon-512.png");
        assertThat(invalidations()).hasSize(2);
    }

    @Test
    void withSamCli_itBuildsThenDeploysTheStack_thenUploadsTheApp() throws Exception {
        Path bin = Files.createDirectories(root.resolve("fake-bin"));
        Path calls = root.resolve("sam-calls.txt");
        Path sam = bin.resolve("sam");
        Files.writeString(sam, "#!/bin/sh\necho \"$PWD $*\" >> '" + calls + "'\n");
        Files.setPosixFilePermissions(sam, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run run = deploy(Map.of("PATH", bin + File.pathSeparator + "/usr/bin:/bin"),
                "--stack-name", stack, "--parameter", "AlarmEmail=ops@example.com");

        assertThat(run.exit).as(run.err).isZero();
        assertThat(Files.readAllLines(calls)).containsExactly(root + " build",
                root + " deploy --stack-name " + stack + " --region " + MotoServer.REGION
                        + " --parameter-overrides AlarmEmail=ops@example.com");
        assertThat(objects()).containsKey("index.html");
        assertThat(run.out).contains("The web app: https://");
    }

    @Test
    void anUnknownStack_isNamedInTheError() throws Exception {
        Run run = deploy(Map.of(), "--web-only", "--stack-name", "no-such-stack");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err).contains("Cannot read the stack no-such-stack", "deploy it first");
    }

    @Test
    void anEndpointThatDoesNotAnswer_isOneClearLine_andExit1() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort(); // nothing listens there once it is closed
        }
        String endpoint = "http://127.0.0.1:" + closed;

        Run run = deploy(Map.of("AWS_ENDPOINT_URL", endpoint), "--web-only", "--stack-name", stack);

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err.strip()).as("one line, no stack trace").doesNotContain("\n")
                .startsWith("deploy: cannot reach AWS at AWS_ENDPOINT_URL=" + endpoint + ": ");
        assertThat(objects()).isEmpty();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run deploy(Map<String, String> extraEnv, String... args) throws Exception {
        // with the flags ./pwa-users gives a short run (QUICK_JVM): the quick compiler, the serial collector
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dpwausers.root=" + root,
                "-cp", System.getProperty("java.class.path"), DeployCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.putAll(moto.environment());
        env.put("AWS_CONFIG_FILE", root.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", root.resolve("no-credentials").toString());
        env.putAll(new HashMap<>(extraEnv));
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("deploy did not finish within 3 minutes; its output:\n" + Files.readString(out)
                    + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Map<String, S3Object> objects() {
        Map<String, S3Object> objects = new java.util.TreeMap<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o -> objects.put(o.key(), o));
        return objects;
    }

    private HeadObjectResponse head(String key) {
        return s3.headObject(r -> r.bucket(bucket).key(key));
    }

    private List<InvalidationSummary> invalidations() {
        return cloudFront.listInvalidations(r -> r.distributionId(distribution)).invalidationList().items();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
