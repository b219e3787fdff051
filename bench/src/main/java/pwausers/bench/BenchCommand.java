package pwausers.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./pwa-users bench}: the options, and the run. */
@Command(name = "bench", sortOptions = false,
        description = {
            "Measures the function as packaged and as Lambda's Java runtime starts it, beside the Node.js peer"
                + " (bench/node-peer) on one local DynamoDB engine: cold starts, warm invocations, the first"
                + " invocations after SnapStart priming, the local gateway's throughput and CPU, the deployment"
                + " package. Prints one table with the targets beside the figures; exit 1 only if an invocation did"
                + " not give the workshop's answer.",
            "Needs Node.js and npm (the peer is installed with npm ci on the first run), taskset for the one-CPU"
                + " rows, and a JDK 25 for the java25 rows (found in /usr/lib/jvm, or --java25)."},
        footer = {"", "Timings need a quiet machine; CPU times and the ratios move much less when it is busy."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "A smoke run, under a minute: 2 rounds, 20 + 50 warm invocations once, 1 s of"
            + " gateway load, no flag variations. Options given with it still apply.")
    private boolean quick;

    @Option(names = "--rounds", paramLabel = "N", description = "Cold starts per configuration (default: 20).")
    private Integer rounds;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up invocations before the timed ones (default: 500).")
    private Integer warmup;

    @Option(names = "--calls", paramLabel = "N", description = "Timed warm invocations (default: 5000).")
    private Integer calls;

    @Option(names = "--warm-rounds", paramLabel = "N", description = "Warm runs per configuration, in rotating order;"
            + " the rows give their medians (default: 3).")
    private Integer warmRounds;

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent clients for the gateway (default: 8).")
    private Integer clients;

    @Option(names = "--seconds", paramLabel = "N", description = "Seconds counted per gateway run (default: 10).")
    private Integer seconds;

    @Option(names = "--variations", negatable = true, description = "The rows that take each flag of the template's"
            + " JAVA_TOOL_OPTIONS away, a plain JVM, and the one-CPU rows (default: on; off with --quick).")
    private Boolean variations;

    @Option(names = "--only", split = ",", paramLabel = "PART", description = "Run these parts only: ${COMPLETION-CANDIDATES}.")
    private List<Bench.Section> only;

    @Option(names = "--try-options", paramLabel = "FLAGS", description = "JAVA_TOOL_OPTIONS to measure beside the"
            + " template's, e.g. --try-options=-Xmn8m (a cold and a warm row each; repeatable).")
    private List<String> tryOptions = List.of();

    @Option(names = "--java25", paramLabel = "DIR", description = "A JDK 25 for the java25 rows (default: one in /usr/lib/jvm).")
    private Path java25;

    @Override
    public Integer call() {
        Bench.Settings settings = settings();
        Bench.Report report = new Bench(settings, System.out, System.err).run();
        return report.failures().isEmpty() ? 0 : 1;
    }

    Bench.Settings settings() {
        Set<Bench.Section> sections = only == null || only.isEmpty() ? Bench.allSections() : EnumSet.copyOf(only);
        return new Bench.Settings(
                positive("--rounds", rounds, quick ? 2 : 20),
                atLeast("--warmup", warmup, quick ? 20 : 500, 0),
                positive("--calls", calls, quick ? 50 : 5000),
                positive("--warm-rounds", warmRounds, quick ? 1 : 3),
                positive("--clients", clients, 8),
                positive("--seconds", seconds, quick ? 1 : 10),
                variations != null ? variations : !quick,
                sections, java25, List.copyOf(tryOptions));
    }

    private int positive(String flag, Integer value, int fallback) {
        return atLeast(flag, value, fallback, 1);
    }

    private int atLeast(String flag, Integer value, int fallback, int min) {
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            throw new ParameterException(spec.commandLine(), flag + " must be at least " + min + ", not " + value);
        }
        return value;
    }
}
