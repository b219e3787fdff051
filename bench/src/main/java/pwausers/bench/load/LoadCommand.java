package pwausers.bench.load;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import pwausers.bench.Machine;

/** {@code ./pwa-users loadtest [options]}: runs the harness, prints its table, exits 1 if a verdict fails. */
@Command(name = "loadtest", sortOptions = false,
        description = {
            "Starts the local stack (gateway, function, dynalite with its data in a temporary directory) on free"
                + " loopback ports, one per scenario, drives it over real HTTP, keeps a ledger of every request and"
                + " answer, checks the ledger against the table, and prints one table. Exit code 1 if a verdict fails."})
public final class LoadCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private static final LoadOptions DEFAULTS = LoadOptions.defaults();

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", converter = ScenarioConverter.class,
            description = "steady (default), engine-kill, engine-freeze, idempotency, slow-clients, or all.")
    private List<Scenario> scenarios = DEFAULTS.scenarios();

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent clients (default: 32).")
    private int clients = DEFAULTS.clients();

    @Option(names = "--requests", paramLabel = "N",
            description = "Requests per load scenario (default: 10000 for steady, 3000 for the others).")
    private Integer requests;

    @Option(names = "--same-key", paramLabel = "N",
            description = "Concurrent requests sharing one Idempotency-Key (default: 50).")
    private int sameKey = DEFAULTS.sameKey();

    @Option(names = "--slow-clients", paramLabel = "N",
            description = "Raw-socket clients dribbling or abandoning bodies (default: clients / 2, at least 4).")
    private Integer slowClients;

    @Option(names = "--freeze-seconds", paramLabel = "N",
            description = "How long engine-freeze keeps the engine stopped (default: 7).")
    private int freezeSeconds = DEFAULTS.freezeSeconds();

    @Option(names = "--timeout-seconds", paramLabel = "N",
            description = "The load clients' own bound on one request (default: 15).")
    private int timeoutSeconds = DEFAULTS.timeoutSeconds();

    @Override
    public Integer call() {
        LoadReport report = new LoadHarness(options(), System.err).run();
        System.out.println();
        System.out.println("Machine: " + Machine.describe() + "; every request to 127.0.0.1.");
        System.out.println();
        report.print(System.out);
        return report.passed() ? 0 : 1;
    }

    public LoadOptions options() {
        return new LoadOptions(List.copyOf(scenarios), between("--clients", clients, 1, 512),
                requests == null ? 0 : between("--requests", requests, 1, 1_000_000),
                between("--same-key", sameKey, 2, 500),
                slowClients == null ? 0 : between("--slow-clients", slowClients, 1, 128),
                between("--freeze-seconds", freezeSeconds, 1, 60), between("--timeout-seconds", timeoutSeconds, 1, 120));
    }

    private int between(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(),
                    flag + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** A scenario by its name on the command line ({@code engine-kill}), or {@code all}. */
    static final class ScenarioConverter implements ITypeConverter<List<Scenario>> {
        @Override
        public List<Scenario> convert(String value) {
            return Scenario.parse(value);
        }
    }
}
