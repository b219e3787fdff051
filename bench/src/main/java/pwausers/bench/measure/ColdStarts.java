package pwausers.bench.measure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pwausers.bench.child.LambdaLauncher;
import pwausers.bench.results.Figure;
import pwausers.bench.results.Figure.Unit;
import pwausers.bench.results.Row;
import pwausers.bench.results.SectionResult;
import pwausers.bench.rig.ChildRun;
import pwausers.bench.rig.Rig;
import pwausers.cli.BenchArguments.Section;
import pwausers.local.lambda.LambdaJvm;

/**
 * Cold starts: a fresh process, one invocation of the workshop's event, for each JVM configuration and for Node.js,
 * in rounds whose order rotates. Per configuration the median time from spawn to the answer, CPU to the answer, and
 * peak RSS, beside Node's; with variations, the deployed JVM and Node.js again on one CPU ({@code taskset}).
 */
public final class ColdStarts implements Measurer {
    static final String TARGET = "<= 2.0x Node";
    static final double RATIO = 2.0;
    static final double RSS_MIB = 64;

    @Override
    public Section section() {
        return Section.COLD;
    }

    @Override
    public SectionResult measure(Rig rig) {
        List<LambdaJvm> jvms = new ArrayList<>(rig.deployedJvms());
        jvms.addAll(rig.flagVariations());
        Map<String, List<ChildRun>> runs = rounds(rig, jvms, List.of(), "");
        List<Row> rows = new ArrayList<>();
        for (LambdaJvm jvm : jvms) {
            rows.addAll(rows(jvm.name(), runs.get(jvm.name()), runs.get(Rig.NODE), ""));
        }
        if (rig.settings().variations()) {
            LambdaJvm deployed = rig.deployedJvms().get(0);
            int cpu = Runtime.getRuntime().availableProcessors() - 1;
            Map<String, List<ChildRun>> pinned = rounds(rig, List.of(deployed),
                    List.of("taskset", "-c", Integer.toString(cpu)), " on one CPU");
            rows.addAll(rows(deployed.name(), pinned.get(deployed.name()), pinned.get(Rig.NODE), ", on one CPU"));
        }
        return new SectionResult("cold", List.of("Cold starts: " + rig.settings().rounds() + " rounds, each"
                + " configuration once per round in rotating order; time from spawn to the answer; CPU of the whole"
                + " process to the answer; peak RSS (VmHWM)."), rows, List.of());
    }

    /** Rounds of cold starts, each configuration and Node.js once per round, in an order that rotates. */
    private static Map<String, List<ChildRun>> rounds(Rig rig, List<LambdaJvm> jvms, List<String> prefix,
                                                      String where) {
        rig.progress().println("bench: " + rig.settings().rounds() + " rounds of " + (jvms.size() + 1) + " cold starts"
                + where + "...");
        Map<String, List<ChildRun>> runs = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(List.of(Rig.NODE));
        jvms.forEach(j -> order.add(j.name()));
        order.forEach(name -> runs.put(name, new ArrayList<>()));
        Path results = rig.results();
        for (int round = 0; round < rig.settings().rounds(); round++) {
            for (int k = 0; k < order.size(); k++) {
                String name = order.get((k + round) % order.size());
                List<String> command = new ArrayList<>(prefix);
                ChildRun run;
                if (name.equals(Rig.NODE)) {
                    command.addAll(rig.node().command("cold", rig.event(), results));
                    run = rig.run(name + " cold start" + where, command, rig.node().dir(), rig.environment());
                } else {
                    LambdaJvm jvm = jvms.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
                    command.addAll(jvm.command(rig.function().memoryMb(), rig.classPath(),
                            LambdaLauncher.class.getName(), List.of("cold", rig.function().handlerClass(),
                                    results.toString(), rig.event().toString())));
                    run = rig.run(name + " cold start" + where, command, rig.work(), rig.environment(jvm, Map.of()));
                }
                if (run.ok()) {
                    runs.get(name).add(run);
                }
            }
        }
        return runs;
    }

    /**
     * The rows of one configuration: medians of its runs against Node's; the peak RSS only where no CPU is pinned.
     *
     * @param where "" or ", on one CPU"
     */
    static List<Row> rows(String name, List<ChildRun> java, List<ChildRun> node, String where) {
        List<Row> rows = new ArrayList<>();
        String id = Rows.id(where.isEmpty() ? "cold" : "cold.one-cpu", name);
        rows.add(Rows.ratio(id + ".time", "cold start to its answer" + where + ", median: " + name,
                Rows.median(java, ChildRun::millisToAnswer), Rows.median(node, ChildRun::millisToAnswer), Unit.MILLISECONDS,
                TARGET, RATIO));
        rows.add(Rows.ratio(id + ".cpu", "cold start CPU (user+sys) to its answer" + where + ", median: " + name,
                Rows.median(java, ChildRun::cpuMillis), Rows.median(node, ChildRun::cpuMillis), Unit.MILLISECONDS, null, 0));
        if (where.isEmpty()) {
            double rss = Rows.median(java, ChildRun::peakRssMib);
            double nodeRss = Rows.median(node, ChildRun::peakRssMib);
            rows.add(new Row(id + ".rss", "cold start peak RSS, median: " + name, Figure.of(rss, Unit.MIB),
                    Figure.of(nodeRss, Unit.MIB), null, Figure.of(rss / nodeRss, Unit.TIMES),
                    "<= " + (int) RSS_MIB + " MiB", Double.isNaN(rss) ? null : rss <= RSS_MIB));
        }
        return rows;
    }
}
