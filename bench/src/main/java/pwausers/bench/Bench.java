package pwausers.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import pwausers.bench.measure.ColdStarts;
import pwausers.bench.measure.DeploymentPackage;
import pwausers.bench.measure.GatewayThroughput;
import pwausers.bench.measure.Measurer;
import pwausers.bench.measure.RequestCosts;
import pwausers.bench.measure.Restores;
import pwausers.bench.measure.WarmInvocations;
import pwausers.bench.report.Machine;
import pwausers.bench.results.BenchRun;
import pwausers.bench.results.ResultsFolder;
import pwausers.bench.results.RunTables;
import pwausers.bench.results.SectionResult;
import pwausers.bench.rig.BenchSettings;
import pwausers.bench.rig.Rig;
import pwausers.local.lambda.LambdaJvm;

/**
 * {@code ./pwa-users bench}: the function as packaged and as Lambda starts it, beside the Node.js peer, part by part
 * (each a {@link Measurer}); the run's results written as a JSON file, and one table of paired figures printed with
 * the targets beside them. It never fails on a figure, only when an invocation did not give the expected answer.
 */
final class Bench {
    /** Every part, in the order a run measures them. */
    static final List<Measurer> MEASURERS = List.of(new ColdStarts(), new WarmInvocations(), new Restores(),
            new GatewayThroughput(), new DeploymentPackage(), new RequestCosts());

    /** What a run produced: its results, the report it printed, and the file it wrote them to. */
    record Report(BenchRun run, String text, Path file) {
        List<String> failures() {
            return run.failures();
        }
    }

    private final BenchSettings settings;
    private final ResultsFolder results;
    private final PrintStream out;
    private final PrintStream progress;
    private final List<Measurer> measurers;

    /** @param progress where each part says what it does (stderr); the report goes to {@code out} */
    Bench(BenchSettings settings, ResultsFolder results, PrintStream out, PrintStream progress) {
        this(settings, results, out, progress, MEASURERS);
    }

    /** As above, with these parts in this order (the tests' look into one part of a run). */
    Bench(BenchSettings settings, ResultsFolder results, PrintStream out, PrintStream progress,
          List<Measurer> measurers) {
        this.settings = settings;
        this.results = results;
        this.out = out;
        this.progress = progress;
        this.measurers = List.copyOf(measurers);
    }

    Report run() {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try (Rig rig = new Rig(settings, progress)) {
            List<SectionResult> sections = new ArrayList<>();
            for (Measurer measurer : measurers) {
                if (settings.runs(measurer.section())) {
                    sections.add(measurer.measure(rig));
                }
            }
            List<String> about = new ArrayList<>(List.of(about(rig)));
            about.addAll(rig.notes());
            BenchRun run = new BenchRun(startedAt, Machine.describe(), about, settings.asMap(), settings.quick(),
                    sections, rig.invocations(), rig.failures());
            Path file = results.write(run);
            String text = RunTables.report(run);
            out.print(text);
            out.println("results: " + file);
            out.flush();
            return new Report(run, text, file);
        }
    }

    private static String about(Rig rig) {
        LambdaJvm deployed = rig.deployedJvms().get(0);
        return "Java: the deployment jar on the class path as Lambda's runtime loads it, started with Lambda's JVM"
                + " flags and template.yaml's JAVA_TOOL_OPTIONS (" + (deployed.toolOptions().isBlank() ? "none"
                : deployed.toolOptions()) + "), " + rig.function().memoryMb() + " MB; " + Rig.NODE + ": bench/node-peer."
                + " Reference: " + Rig.NODE + " unless the row says otherwise.";
    }
}
