package pwausers.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import pwausers.local.up.UpCommand;

/**
 * The commands behind {@code ./pwa-users}: {@code up} and {@code invoke} run here; {@code bench}, {@code loadtest}
 * and {@code deploy} run in their own modules (the script starts them), and are listed here so that one help shows
 * every command.
 */
@Command(name = "./pwa-users", synopsisSubcommandLabel = "COMMAND",
        description = "pwa-users: API Gateway, a Java Lambda function and DynamoDB, for a progressive web app's form.",
        footer = {"", "./pwa-users COMMAND --help shows a command's options."})
public final class PwaUsersCli implements Callable<Integer> {
    /** The commands of other modules, which the script runs: their names and what they do. */
    static final Map<String, String> DISPATCHED_BY_THE_SCRIPT = Map.of(
            "bench", "Cold start, warm latency and throughput beside the Node.js reference function (bench/).",
            "loadtest", "Load and faults through the local stack, every answer checked against the table (bench/).",
            "deploy", "Deploys to your AWS account through SAM CLI: the stack, then the web app; prints its URL (deploy/).");

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private PwaUsersCli() {
    }

    public static void main(String[] args) {
        // line by line, so that a console shows each request as it happens, even when redirected to a file
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err));
    }

    /** Runs one command line; the process's exit code: 0 done, 1 failed, 2 a usage error. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return commandLine(env, out, err).execute(args);
    }

    static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new PwaUsersCli());
        cli.addSubcommand(new UpCommand(env, out, err));
        cli.addSubcommand(new InvokeCommand(env, out, err));
        for (String name : new String[] {"bench", "loadtest", "deploy"}) {
            cli.addSubcommand(name, dispatchedByTheScript(name, DISPATCHED_BY_THE_SCRIPT.get(name), err));
        }
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            String name = failed.getCommandSpec().qualifiedName(" ").replace("./pwa-users", "pwa-users");
            failed.getErr().println(name + ": " + e.getMessage());
            failed.getErr().println("See '" + failed.getCommandSpec().qualifiedName(" ") + " --help'.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println("pwa-users " + failed.getCommandName() + ": " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    /** {@code ./pwa-users} alone: which command? */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which command? up, invoke, bench, loadtest, deploy or help");
    }

    /** A command the script runs in another module: listed in the help; here, only a pointer to the script. */
    private static CommandSpec dispatchedByTheScript(String name, String description, PrintStream err) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> {
            err.println("pwa-users: " + name + " runs in its own module: start it with ./pwa-users " + name);
            return CommandLine.ExitCode.USAGE;
        });
        spec.name(name);
        spec.usageMessage().description(description);
        spec.addUnmatchedArgsBinding(CommandLine.Model.UnmatchedArgsBinding.forStringArrayConsumer(
                new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        return null;
                    }
                }));
        return spec;
    }
}
