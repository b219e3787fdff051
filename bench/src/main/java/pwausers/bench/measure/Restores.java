package pwausers.bench.measure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import pwausers.bench.child.LambdaLauncher;
import pwausers.bench.http.Answers;
import pwausers.bench.results.Figure;
import pwausers.bench.results.Figure.Unit;
import pwausers.bench.results.Row;
import pwausers.bench.results.SectionResult;
import pwausers.bench.rig.ChildRun;
import pwausers.bench.rig.Rig;
import pwausers.cli.BenchArguments.Section;
import pwausers.function.contract.Environment;
import pwausers.function.contract.HeaderNames;
import pwausers.local.lambda.LambdaJvm;

/**
 * A stand-in for SnapStart: the handler initialised as for a snapshot, its CRaC hooks run as Lambda's runtime runs them
 * (the priming), then the first invocations timed: plain, with an Idempotency-Key, and a second of each. A real restore
 * also maps the snapshot's memory back in and reconnects; neither can be measured here.
 */
public final class Restores implements Measurer {
    @Override
    public Section section() {
        return Section.RESTORE;
    }

    @Override
    public SectionResult measure(Rig rig) {
        rig.progress().println("bench: first invocations after SnapStart priming...");
        List<LambdaJvm> jvms = new ArrayList<>();
        jvms.add(deployedWithSnapStart(rig));
        if (!rig.settings().quick()) {
            // a smoke run leaves java25 out: its priming on both compilers costs more CPU than all the run's other
            // children (the warm part still runs that JVM)
            jvms.addAll(rig.java25WithSnapStart());
        }
        List<Row> rows = new ArrayList<>();
        for (LambdaJvm jvm : jvms) {
            ChildRun run = firstInvocations(rig, jvm);
            if (run.ok()) {
                rows.addAll(rows(jvm.name(), run.latencies()));
            }
        }
        return new SectionResult("restore", List.of("After SnapStart priming: the handler made for a snapshot, its"
                + " CRaC hooks run, then the first invocations, one each: plain, keyed, plain, keyed"
                + (rig.settings().quick() ? " (a quick run: the deployed JVM alone)." : ".")), rows, List.of());
    }

    /**
     * The deployed JVM's child ({@link #firstInvocations}), run once per rig: the cost part reads it, and the tests
     * judge it as Lambda's path through the deployment jar's SnapStart hooks.
     */
    public static ChildRun deployedFirstInvocations(Rig rig) {
        return firstInvocations(rig, deployedWithSnapStart(rig));
    }

    /** The deployed JVM, under the name of its SnapStart rows. */
    static LambdaJvm deployedWithSnapStart(Rig rig) {
        LambdaJvm deployed = rig.deployedJvms().get(0);
        return deployed.withToolOptions(deployed.name() + " with SnapStart", deployed.toolOptions());
    }

    /**
     * One child: the handler made for a snapshot, its hooks run, then four first invocations, each timed: plain, keyed,
     * plain, keyed (see {@link ChildRun#latencies()}). Run once per rig and JVM: the cost part reads the deployed
     * JVM's too.
     */
    static ChildRun firstInvocations(Rig rig, LambdaJvm jvm) {
        return rig.once(List.of("restore", jvm), () -> restore(rig, jvm));
    }

    private static ChildRun restore(Rig rig, LambdaJvm jvm) {
        Path keyed1 = keyedEvent(rig.event(), rig.work().resolve("keyed-1.json"));
        Path keyed2 = keyedEvent(rig.event(), rig.work().resolve("keyed-2.json"));
        List<String> command = jvm.command(rig.function().memoryMb(), rig.classPath(),
                LambdaLauncher.class.getName(), List.of("restore", rig.function().handlerClass(),
                        rig.results().toString(), rig.event().toString(), keyed1.toString(), keyed2.toString()));
        command.add(1, LambdaLauncher.CRAC_STAND_IN); // the hooks run as Lambda's runtime runs them
        return rig.run(jvm.name() + " restore", command, rig.work(),
                rig.environment(jvm, Map.of(Environment.INITIALIZATION_TYPE, Environment.SNAP_START)));
    }

    /**
     * @param latencies the four first invocations in nanoseconds: plain, keyed, plain, keyed
     */
    static List<Row> rows(String name, long[] latencies) {
        String id = Rows.id("restore", name);
        double keyed = latencies[1] / 1e3;
        double secondKeyed = latencies[3] / 1e3;
        return List.of(
                Row.of(id + ".first", "first invocation after priming: " + name,
                        Figure.of(latencies[0] / 1e3, Unit.MICROSECONDS)),
                new Row(id + ".first-keyed", "first invocation with an Idempotency-Key after priming: " + name,
                        Figure.of(keyed, Unit.MICROSECONDS), Figure.of(secondKeyed, Unit.MICROSECONDS), "second",
                        Figure.of(keyed / secondKeyed, Unit.TIMES), null, null));
    }

    /** The workshop's event with a fresh Idempotency-Key header. */
    private static Path keyedEvent(Path event, Path file) {
        return keyedEvent(event, file, UUID.randomUUID().toString());
    }

    /** The event with this Idempotency-Key header. */
    static Path keyedEvent(Path event, Path file, String key) {
        try {
            ObjectNode keyed = (ObjectNode) Answers.JSON.readTree(event.toFile());
            keyed.withObject("/headers").put(HeaderNames.IDEMPOTENCY_KEY, key);
            Answers.JSON.writeValue(file.toFile(), keyed);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
