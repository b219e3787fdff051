package pwausers.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import pwausers.bench.load.SharedTarget;
import pwausers.bench.measure.GatewayThroughput;
import pwausers.bench.measure.Measurer;
import pwausers.bench.measure.Restores;
import pwausers.bench.results.ResultsFolder;
import pwausers.bench.results.SectionResult;
import pwausers.bench.rig.BenchSettings;
import pwausers.bench.rig.ChildRun;
import pwausers.bench.rig.Rig;
import pwausers.cli.BenchArguments.Section;
import pwausers.function.contract.Environment;
import pwausers.local.engine.ProjectFiles;

/**
 * One quick run of the whole bench per test JVM, which {@link BenchIT} judges whole and {@link RequestCostsIT} judges
 * for its cost section: the cost section's children run once for both. The shortest run that still makes every row:
 * 1 round of cold starts, 5 + 20 warm invocations once, gateway rounds of 1 s after 0.2 s of settling (one warm-up
 * round and one steady pair); the rows of options tried beside the template's ({@code --try-options}) from one extra
 * JVM configuration, {@code -Xmn8m}. The gateway part runs on the stack that the load scenarios share
 * ({@link SharedTarget}): its rows are made all the same, though "just after the start" may then come after their
 * load. Its results file goes to a folder of its own, emptied first.
 */
final class QuickBench {
    static final BenchSettings SETTINGS = new BenchSettings(1, 5, 20, 1, 2, 1, false, EnumSet.allOf(Section.class),
            null, List.of("-Xmn8m"), true, 1, 1);

    /**
     * What the cost section measured within the run, and what it alone counted.
     *
     * @param invocations the invocations it checked
     * @param failures    those that did not give their route's answer
     */
    record Costs(SectionResult result, long invocations, List<String> failures) {
    }

    /**
     * The restore section's child of the deployed JVM (the deployment jar primed for SnapStart as Lambda's runtime
     * primes it, then its first invocations), and the items of the users' table before and after it.
     */
    record Restore(ChildRun child, int itemsBefore, int itemsAfter) {
    }

    private static Bench.Report report;
    private static Costs costs;
    private static Restore restore;

    private QuickBench() {
    }

    /** Where the run wrote its results file (nothing else is there). */
    static Path resultsDir() {
        return ProjectFiles.root().resolve("bench/target/quick-bench-results");
    }

    static synchronized Bench.Report report() {
        if (report == null) {
            try {
                ChildRun.deleteTree(resultsDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Measurer> measurers = new ArrayList<>(Bench.MEASURERS);
            measurers.replaceAll(m -> switch (m.section()) {
                case RESTORE -> counting(m);
                case COST -> recording(m);
                case GATEWAY -> new GatewayThroughput(SharedTarget::get);
                default -> m;
            });
            report = new Bench(SETTINGS, new ResultsFolder(resultsDir()), new PrintStream(OutputStream.nullOutputStream()),
                    System.err, measurers).run();
        }
        return report;
    }

    static synchronized Costs costs() {
        report();
        return costs;
    }

    static synchronized Restore restore() {
        report();
        return restore;
    }

    /** The part as it is, with the count of what it checked kept apart. */
    private static Measurer recording(Measurer part) {
        return measuredBy(part, rig -> {
            long invocations = rig.invocations();
            int failures = rig.failures().size();
            SectionResult result = part.measure(rig);
            costs = new Costs(result, rig.invocations() - invocations,
                    rig.failures().subList(failures, rig.failures().size()));
            return result;
        });
    }

    /** The part as it is, its deployed JVM's child run first (the part reads it), the users' table counted around it. */
    private static Measurer counting(Measurer part) {
        return measuredBy(part, rig -> {
            int before = items(rig);
            ChildRun child = Restores.deployedFirstInvocations(rig);
            restore = new Restore(child, before, items(rig));
            return part.measure(rig);
        });
    }

    private static int items(Rig rig) {
        return rig.engine().client().scan(b -> b.tableName(rig.environment().get(Environment.TABLE_NAME))
                .consistentRead(true)).count();
    }

    /** The part, measured by {@code measure}. */
    private static Measurer measuredBy(Measurer part, Function<Rig, SectionResult> measure) {
        return new Measurer() {
            @Override
            public Section section() {
                return part.section();
            }

            @Override
            public SectionResult measure(Rig rig) {
                return measure.apply(rig);
            }
        };
    }
}
