package pwausers.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pwa-users bench}: its options and help; the bench module's {@code BenchCommand} runs it. */
@Command(name = "bench", sortOptions = false,
        header = "Cold start, warm latency and throughput beside the Node.js reference function (bench/).",
        description = {
            "Measures the function as packaged and as Lambda's Java runtime starts it, beside the Node.js peer"
                + " (bench/node-peer) on one local DynamoDB engine: cold starts, warm invocations, the first"
                + " invocations after SnapStart priming, the local gateway's throughput and CPU, the deployment"
                + " package, and what one request of each route uses of what AWS bills (DynamoDB units, billed"
                + " duration, bytes of log and of answer). Prints one table with the targets beside the figures, and writes the run's results as"
                + " JSON in bench/results/; exit 1 only if an invocation did not give the workshop's answer.",
            "Needs Node.js and npm (the peer is installed with npm ci on the first run), taskset for the one-CPU"
                + " rows, and a JDK 25 for the java25 rows (found in /usr/lib/jvm, or --java25)."},
        footer = {"", "Timings need a quiet machine; CPU times and the ratios move much less when it is busy."})
public class BenchArguments {
    /** The parts of a run that {@code --only} chooses. */
    public enum Section { COLD, WARM, RESTORE, GATEWAY, PACKAGE, COST }

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    protected boolean help;

    @Option(names = "--quick", description = "A smoke run, under a minute: 2 rounds, 20 + 50 warm invocations once, 1 s of"
            + " gateway load, no flag variations, java25's SnapStart restore left out. Options given with it still"
            + " apply.")
    protected boolean quick;

    @Option(names = "--rounds", paramLabel = "N", description = "Cold starts per configuration (default: 20).")
    protected Integer rounds;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up invocations before the timed ones (default: 500).")
    protected Integer warmup;

    @Option(names = "--calls", paramLabel = "N", description = "Timed warm invocations (default: 5000).")
    protected Integer calls;

    @Option(names = "--warm-rounds", paramLabel = "N", description = "Warm runs per configuration, in rotating order;"
            + " the rows give their medians (default: 3).")
    protected Integer warmRounds;

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent clients for the gateway (default: 8).")
    protected Integer clients;

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds counted per gateway run (default: 10).")
    protected Integer seconds;

    @Option(names = "--variations", negatable = true, description = "The rows that take each flag of the template's"
            + " JAVA_TOOL_OPTIONS away, a plain JVM, and the one-CPU rows (default: on; off with --quick).")
    protected Boolean variations;

    @Option(names = "--only", split = ",", paramLabel = "PART", description = "Run these parts only: ${COMPLETION-CANDIDATES}.")
    protected List<Section> only;

    @Option(names = "--try-options", paramLabel = "FLAGS", description = "JAVA_TOOL_OPTIONS to measure beside the"
            + " template's, e.g. --try-options=-Xmn8m (a cold and a warm row each; repeatable).")
    protected List<String> tryOptions = List.of();

    @Option(names = "--java25", paramLabel = "DIR", description = "A JDK 25 for the java25 rows (default: one in /usr/lib/jvm).")
    protected Path java25;

    @Option(names = "--write-docs", description = "Measure nothing: rewrite docs/performance.md's generated tables from"
            + " the newest run of each part in bench/results/ (smoke runs aside), and exit.")
    protected boolean writeDocs;
}
