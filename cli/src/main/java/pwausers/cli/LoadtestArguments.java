package pwausers.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pwa-users loadtest}: its options and help; the bench module's {@code LoadCommand} runs it. */
@Command(name = "loadtest", sortOptions = false,
        header = "Load and faults, every answer checked against a ledger: on a local stack, or any deployment (bench/).",
        description = {
            "Starts the local stack (gateway, function, dynalite with its data in a temporary directory) on free"
                + " loopback ports, one per scenario, drives it over real HTTP, keeps a ledger of every request and"
                + " answer, checks the ledger against the table, and prints one table. Exit code 1 if a verdict fails.",
            "With --url, sends the steady and idempotency scenarios to that deployment instead (a running up, or the"
                + " stack on AWS): it says first how many requests it will send at most and what they would cost, and"
                + " asks; then reads every 201's entry back (GET /pwausers/{id}), and with --clean-up deletes them."})
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
            description = "Requests per load scenario (default: 10000 for steady, 3000 for the others). With --url,"
                    + " steady's hard cap, which must be given: every submission is billed.")
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
    protected int timeoutSeconds = 35; // above API Gateway's 29 s, so that a hang shows as one, and its 504 as a 504

    @Option(names = "--url", paramLabel = "URL", description = "Load this deployment instead of a stack of its own: its"
            + " base URL (http://localhost:3000 for up, the stack's ApiUrl, or the web app's URL). Scenarios steady"
            + " (the default) and idempotency; the stage may throttle (429: nothing stored, not a failure).")
    protected String url;

    @Option(names = "--yes", description = "With --url: send without asking first.")
    protected boolean yes;

    @Option(names = "--clean-up", description = "With --url: delete every entry the run stored once it is checked"
            + " (DELETE /pwausers/{id}).")
    protected boolean cleanUp;
}
