package pwausers.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import pwausers.cli.BenchArguments;
import pwausers.cli.DeployArguments;
import pwausers.cli.LoadtestArguments;
import pwausers.local.up.UpCommand;

/**
 * The commands behind {@code ./pwa-users}: {@code up} and {@code invoke} run here; {@code bench}, {@code loadtest}
 * and {@code deploy} run in their own modules (the script starts them). Their declarations (module cli) are here too,
 * so that one help lists every command and each one's help answers here, without its module built; run here, they
 * only point to the script.
 */
@Command(name = "./pwa-users", synopsisSubcommandLabel = "COMMAND",
        description = "pwa-users: API Gateway, a Java Lambda function and DynamoDB, for a progressive web app's form.",
        footer = {"", "./pwa-users COMMAND --help shows a command's options."})
public final class PwaUsersCli implements Callable<Integer> {
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
        // the commands of other modules, which the script runs: here for their help
        List<Object> otherModules = List.of(new BenchArguments(), new LoadtestArguments(), new DeployArguments());
        otherModules.forEach(cli::addSubcommand);
        cli.addSubcommand(new CommandLine.HelpCommand());
        cli.setExecutionStrategy(parsed -> {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            List<CommandLine> commands = parsed.asCommandLineList();
            CommandLine last = commands.get(commands.size() - 1);
            if (otherModules.contains(last.getCommand())) {
                err.println("pwa-users: " + last.getCommandName() + " runs in its own module: start it with ./pwa-users "
                        + last.getCommandName());
                return CommandLine.ExitCode.USAGE;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
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
}
