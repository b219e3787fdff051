package pwausers.deploy;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pwausers.deploy.WebFiles.WebFile;
import pwausers.deploy.WebPublisher.Changes;

/** ./pwa-users deploy. */
@Command(name = "deploy", sortOptions = false, usageHelpWidth = 110,
        description = {
            "Deploys pwa-users to your AWS account: builds the function and deploys the stack (template.yaml)"
                    + " through SAM CLI, uploads the web app (web/) to the stack's bucket with its content types and"
                    + " cache headers, invalidates in CloudFront what changed, and prints the web app's URL.",
            ""},
        footer = {
            "",
            "It needs:",
            "  - AWS credentials and a region, as the AWS CLI finds them: AWS_PROFILE",
            "    (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), AWS_REGION, or what",
            "    aws configure wrote;",
            "  - SAM CLI (sam) and make on the PATH, except with --web-only:",
            "    " + SamCli.INSTALL_URL,
            "    (without them it says so and changes nothing);",
            "  - Java 17 or newer: the Maven wrapper builds the function (no Node.js).",
            "The stack's name and SAM CLI's settings come from samconfig.toml.",
            "AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_S3, _CLOUDFRONT, _CLOUDFORMATION)",
            "points the upload and the invalidation elsewhere, as with any AWS SDK."})
public final class DeployCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--stack-name", paramLabel = "NAME",
            description = "The stack to deploy or update (default: stack_name in samconfig.toml).")
    private String stackName;

    @Option(names = "--parameter", paramLabel = "NAME=VALUE",
            description = "A template parameter for sam deploy, e.g. --parameter AlarmEmail=you@example.com (repeatable).")
    private List<String> parameters = new ArrayList<>();

    @Option(names = "--web-only",
            description = "Only upload web/ to the stack already deployed and invalidate what changed: no build, no SAM CLI.")
    private boolean webOnly;

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
                    if (e instanceof DeployException) {
                        cmd.getErr().println("deploy: " + e.getMessage());
                        return 1;
                    }
                    throw e;
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
