package pwausers.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pwa-users loadtest}: its options and help; the bench module's {@code LoadCommand} runs it. */
@Command(name = "loadtest", sortOptions = false,
        header = "Load and faults through the local stack, every answer checked against the table (bench/).",
        description = {
            "Starts the local stack (gateway, function, dynalite with its data in a temporary directory) on free"
                + " loopback ports, one per scenario, drives it over real HTTP, keeps a ledger of every request and"
                + " answer, checks the ledger against the table, and prints one table. Exit code 1 if a verdict fails."})
public class LoadtestArguments {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    protected boolean help;

    /** The scenarios by their names as typed; the bench module's Scenario reads them (and its test, this help). */
    @Option(names = "--scenario", paramLabel = "NAME",
            description = "steady (default), engine-kill, engine-freeze, idempotency, slow-clients, or all (repeatable).")
    protected List<String> scenarios = List.of("steady");

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    protected int clients = 32;

    @Option(names = "--requests", paramLabel = "N",
            description = "Requests per load scenario (default: 10000 for steady, 3000 for the others).")
    protected Integer requests;

    @Option(names = "--same-key", paramLabel = "N",
            description = "Concurrent requests sharing one Idempotency-Key (default: ${DEFAULT-VALUE}).")
    protected int sameKey = 50;

    @Option(names = "--slow-clients", paramLabel = "N",
            description = "Raw-socket clients dribbling or abandoning bodies (default: clients / 2, at least 4).")
    protected Integer slowClients;

    @Option(names = "--freeze-seconds", paramLabel = "N",
            description = "How long engine-freeze keeps the engine stopped (default: ${DEFAULT-VALUE}).")
    protected int freezeSeconds = 7;

    @Option(names = "--timeout-seconds", paramLabel = "N",
            description = "The load clients' own bound on one request (default: ${DEFAULT-VALUE}).")
    protected int timeoutSeconds = 15;
}
