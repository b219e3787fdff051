package pwausers.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import pwausers.bench.load.LoadCommand;

/** The commands behind {@code ./pwa-users bench} and {@code ./pwa-users loadtest}. */
@Command(name = "pwa-users",
        description = "Benchmarks and harnesses: bench (speed), loadtest (load and faults).")
public final class BenchCli {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private BenchCli() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, with case-insensitive part and scenario names. The commands are added as objects: their
     * names and help are their declarations' (module cli), which picocli reads only so.
     */
    static CommandLine commandLine() {
        return new CommandLine(new BenchCli())
                .addSubcommand(new BenchCommand())
                .addSubcommand(new LoadCommand())
                .addSubcommand(new CommandLine.HelpCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
