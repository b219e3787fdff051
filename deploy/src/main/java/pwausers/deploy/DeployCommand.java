package pwausers.deploy;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import pwausers.cli.DeployArguments;
import pwausers.deploy.WebFiles.WebFile;
import pwausers.deploy.WebPublisher.Changes;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** {@code ./pwa-users deploy}: the run of the options that {@link DeployArguments} declares. */
public final class DeployCommand extends DeployArguments implements Callable<Integer> {

    private final Path root;
    private final Map<String, String> env;
    private final PrintStream out;

    DeployCommand(Path root, Map<String, String> env, PrintStream out) {
        this.root = root;
        this.env = env;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, root(), System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Path root, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new DeployCommand(root, env, out))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    String why = why(e, env);
                    if (why == null) {
                        throw e; // a bug: its stack trace
                    }
                    cmd.getErr().println("deploy: " + why);
                    return 1;
                });
        commandLine.setCommandName("./pwa-users deploy");
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        for (String parameter : parameters) {
            if (!parameter.matches("[A-Za-z0-9]+=.*")) {
                throw new DeployException("--parameter takes NAME=VALUE, not " + parameter);
            }
        }
        String stack = stackName != null ? stackName : SamConfig.stackName(root);
        List<WebFile> files = WebFiles.in(root.resolve("web"));
        SamCli sam = webOnly ? null : SamCli.find(env, root);
        try (AwsClients aws = AwsClients.open(env)) {
            if (!webOnly) {
                step("Building the function (sam build: function/Makefile, the Maven wrapper)");
                sam.build();
                step("Deploying the stack " + stack + " in " + aws.region() + " (sam deploy, samconfig.toml)");
                sam.deploy(stack, aws.region().id(), parameters);
            }
            StackOutputs outputs = StackOutputs.of(aws.cloudFormation(), stack);
            step("Uploading web/ to the bucket " + outputs.webBucketName());
            Changes changes = new WebPublisher(aws.s3()).publish(outputs.webBucketName(), files);
            out.println("  " + changes.uploaded().size() + " uploaded " + changes.uploaded() + ", "
                    + changes.deleted().size() + " deleted " + changes.deleted() + ", "
                    + (files.size() - changes.uploaded().size()) + " unchanged");
            if (changes.none()) {
                out.println("  nothing changed: CloudFront's caches stay as they are");
            } else {
                List<String> paths = CdnInvalidation.paths(changes.all());
                step("Invalidating " + paths + " in CloudFront (distribution " + outputs.webDistributionId() + ")");
                String id = new CdnInvalidation(aws.cloudFront()).invalidate(outputs.webDistributionId(), paths);
                out.println("  invalidation " + id + " completed");
            }
            out.println();
            out.println("The web app: " + outputs.webUrl());
        }
        return 0;
    }

    /**
     * What stopped the deploy, in one line for the user, or null for a bug. AWS unreachable or refusing is no bug: the
     * SDK's exception says what happened (with its retries) in its message, and its stack trace says nothing more.
     */
    static String why(Exception e, Map<String, String> env) {
        if (e instanceof DeployException || e instanceof UncheckedIOException || e instanceof IllegalStateException) {
            return e.getMessage();
        }
        if (e instanceof AwsServiceException refused) {
            AwsErrorDetails details = refused.awsErrorDetails();
            return "AWS " + details.serviceName() + " refused the request (" + refused.statusCode() + " "
                    + details.errorCode() + "): " + details.errorMessage();
        }
        if (e instanceof SdkClientException unreachable) {
            List<String> endpoints = env.entrySet().stream().filter(v -> v.getKey().startsWith("AWS_ENDPOINT_URL"))
                    .map(v -> v.getKey() + "=" + v.getValue()).sorted().toList();
            Throwable cause = unreachable;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String detail = cause.getMessage() == null || unreachable.getMessage().contains(cause.getMessage()) ? ""
                    : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
            return "cannot reach AWS" + (endpoints.isEmpty() ? "" : " at " + String.join(", ", endpoints)) + ": "
                    + unreachable.getMessage() + detail;
        }
        return null;
    }

    private void step(String what) {
        out.println("deploy: " + what);
    }

    /** The repository: the pwausers.root property that ./pwa-users sets, else the working directory. */
    private static Path root() {
        String property = System.getProperty("pwausers.root");
        Path root = Path.of(property != null && !property.isBlank() ? property : "").toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            System.err.println("deploy: no template.yaml in " + root + ": run it as ./pwa-users deploy in the repository");
            System.exit(2);
        }
        return root;
    }
}
