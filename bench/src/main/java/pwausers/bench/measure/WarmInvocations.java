package pwausers.bench.measure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pwausers.bench.child.LambdaLauncher;
import pwausers.bench.http.RawPutItem;
import pwausers.bench.report.Percentiles;
import pwausers.bench.results.Figure;
import pwausers.bench.results.Figure.Unit;
import pwausers.bench.results.Row;
import pwausers.bench.results.SectionResult;
import pwausers.bench.rig.ChildRun;
import pwausers.bench.rig.Rig;
import pwausers.cli.BenchArguments.Section;
import pwausers.function.contract.Environment;
import pwausers.local.lambda.LambdaJvm;

/**
 * Warm invocations: one process per configuration, a warm-up then the timed invocations, each on empty tables; in
 * rounds whose order rotates, so that the engine's drift and the machine's other load fall on every configuration
 * alike. Per configuration the medians of the rounds' p50, p99 and CPU per call, beside Node's; and the floor: the
 * same PutItem as a bare HTTP POST on one kept-alive connection, no SDK.
 */
public final class WarmInvocations implements Measurer {
    private static final String TARGET = "<= 1.0x Node";

    @Override
    public Section section() {
        return Section.WARM;
    }

    @Override
    public SectionResult measure(Rig rig) {
        int warmup = rig.settings().warmup();
        int calls = rig.settings().calls();
        rig.progress().println("bench: warm invocations (" + rig.settings().warmRounds() + " rounds of " + warmup
                + " + " + calls + " each)...");
        rig.freshTables();
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("warm.floor", "warm p50 floor: the same PutItem, no SDK, one kept-alive connection",
                Figure.of(floorMicros(rig), Unit.MICROSECONDS)));
        List<LambdaJvm> jvms = new ArrayList<>(rig.deployedJvms());
        jvms.addAll(rig.java25WithSnapStart());
        jvms.addAll(rig.flagVariations());
        // Node.js (index 0) and each JVM once per round, in an order that rotates from round to round
        List<List<ChildRun>> runs = new ArrayList<>();
        for (int i = 0; i <= jvms.size(); i++) {
            runs.add(new ArrayList<>());
        }
        for (int round = 0; round < rig.settings().warmRounds(); round++) {
            for (int k = 0; k <= jvms.size(); k++) {
                int i = (round + k) % (jvms.size() + 1);
                rig.freshTables();
                ChildRun run = i == 0 ? nodeRun(rig) : javaRun(rig, jvms.get(i - 1));
                if (run.ok()) {
                    runs.get(i).add(run);
                }
            }
        }
        for (int i = 1; i <= jvms.size(); i++) {
            rows.addAll(rows(jvms.get(i - 1).name(), runs.get(i), runs.get(0)));
        }
        return new SectionResult("warm", List.of("Warm: " + warmup + " warm-up then " + calls + " timed invocations in"
                + " one process, each on an empty table; " + rig.settings().warmRounds() + " rounds, each"
                + " configuration once per round in rotating order; medians."), rows, List.of());
    }

    /** A configuration's rows: the medians of its rounds' p50, p99 and CPU per call, against Node's. */
    static List<Row> rows(String name, List<ChildRun> java, List<ChildRun> node) {
        if (java.isEmpty() || node.isEmpty()) {
            return List.of();
        }
        String id = Rows.id("warm", name);
        return List.of(
                Rows.ratio(id + ".p50", "warm p50: " + name, Rows.median(java, r -> r.latencyMicros(0.5)),
                        Rows.median(node, r -> r.latencyMicros(0.5)), Unit.MICROSECONDS, TARGET, 1.0),
                Rows.ratio(id + ".p99", "warm p99: " + name, Rows.median(java, r -> r.latencyMicros(0.99)),
                        Rows.median(node, r -> r.latencyMicros(0.99)), Unit.MICROSECONDS, TARGET, 1.0),
                Rows.ratio(id + ".cpu", "warm CPU (user+sys) per invocation: " + name,
                        Rows.median(java, ChildRun::cpuMicrosPerCall), Rows.median(node, ChildRun::cpuMicrosPerCall),
                        Unit.MICROSECONDS, null, 0));
    }

    private static ChildRun nodeRun(Rig rig) {
        return rig.run(Rig.NODE + " warm", rig.node().command("warm", rig.event(), rig.results(),
                rig.settings().warmup(), rig.settings().calls()), rig.node().dir(), rig.environment());
    }

    private static ChildRun javaRun(Rig rig, LambdaJvm jvm) {
        return rig.run(jvm.name() + " warm", jvm.command(rig.function().memoryMb(), rig.classPath(),
                LambdaLauncher.class.getName(), List.of("warm", rig.function().handlerClass(), rig.results().toString(),
                        rig.event().toString(), Integer.toString(rig.settings().warmup()),
                        Integer.toString(rig.settings().calls()))), rig.work(), rig.environment(jvm, Map.of()));
    }

    /** The floor: the same PutItem as a bare HTTP POST on one kept-alive connection, in this JVM; its p50 in us. */
    private static double floorMicros(Rig rig) {
        int warmup = rig.settings().warmup();
        double[] micros = new double[rig.settings().calls()];
        try (RawPutItem put = new RawPutItem(rig.engine().endpoint(), rig.environment().get(Environment.TABLE_NAME))) {
            for (int i = 0; i < warmup + micros.length; i++) {
                long start = System.nanoTime();
                int status = put.put();
                if (i >= warmup) {
                    micros[i - warmup] = (System.nanoTime() - start) / 1e3;
                }
                rig.count(1, status == 200 ? null : "floor: a raw PutItem answered " + status);
            }
        } catch (IOException e) {
            rig.count(0, "floor: " + e);
        }
        return Percentiles.of(micros, 0.5);
    }
}
