package pwausers.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pwa-users deploy}: its options and help; the deploy module's {@code DeployCommand} runs it. */
@Command(name = "deploy", sortOptions = false, usageHelpWidth = 110,
        header = "Deploys to your AWS account through SAM CLI: the stack, then the web app; prints its URL (deploy/).",
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
            "    " + DeployArguments.SAM_CLI_INSTALL_URL,
            "    (without them it says so and changes nothing);",
            "  - Java 17 or newer: the Maven wrapper builds the function (no Node.js).",
            "The stack's name and SAM CLI's settings come from samconfig.toml.",
            "AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_S3, _CLOUDFRONT, _CLOUDFORMATION)",
            "points the upload and the invalidation elsewhere, as with any AWS SDK."})
public class DeployArguments {
    /** Where SAM CLI's installation is explained. */
    public static final String SAM_CLI_INSTALL_URL =
            "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    protected boolean help;

    @Option(names = "--stack-name", paramLabel = "NAME",
            description = "The stack to deploy or update (default: stack_name in samconfig.toml).")
    protected String stackName;

    @Option(names = "--parameter", paramLabel = "NAME=VALUE",
            description = "A template parameter for sam deploy, e.g. --parameter AlarmEmail=you@example.com (repeatable).")
    protected List<String> parameters = new ArrayList<>();

    @Option(names = "--web-only",
            description = "Only upload web/ to the stack already deployed and invalidate what changed: no build, no SAM CLI.")
    protected boolean webOnly;
}
