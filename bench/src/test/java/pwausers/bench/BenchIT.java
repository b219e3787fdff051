package pwausers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import pwausers.bench.results.ResultsFolder;
import pwausers.bench.results.Row;
import pwausers.bench.rig.BenchSettings;

/**
 * The harness itself, on the shortest run that still makes every row ({@link QuickBench}, whose cost section
 * {@link RequestCostsIT} judges too): every part's rows are there with a figure, every invocation of both runtimes gave
 * the workshop's answer, and the run's results file reads back as the run. It checks no figure: benchmarks print
 * figures, tests never assert timings.
 */
class BenchIT {
    @Test
    void aQuickRun_printsEveryRow_andEveryInvocationGaveTheWorkshopsAnswer() throws Exception {
        BenchSettings quick = QuickBench.SETTINGS;
        Path results = QuickBench.resultsDir();

        Bench.Report report = QuickBench.report();

        assertThat(report.failures()).as("invocations that did not give the workshop's answer").isEmpty();
        // at least: the cold starts of the deployed JVM and the -Xmn8m one, and their warm runs
        assertThat(report.run().invocations())
                .isGreaterThan(quick.rounds() * 2L + quick.warmRounds() * 2L * (quick.warmup() + quick.calls()));
        String here = "java17/java21 (JDK " + Runtime.version().feature() + ")";
        assertThat(report.text()).contains(
                "cold start to its answer, median: " + here,
                "cold start CPU (user+sys) to its answer, median: " + here,
                "cold start peak RSS, median: " + here,
                "warm p50: " + here, "warm p99: " + here, "warm CPU (user+sys) per invocation: " + here,
                "warm p50 floor",
                "cold start to its answer, median: " + here + " with JAVA_TOOL_OPTIONS=-Xmn8m",
                "warm p50: " + here + " with JAVA_TOOL_OPTIONS=-Xmn8m",
                "first invocation after priming: " + here + " with SnapStart",
                "first invocation with an Idempotency-Key after priming: " + here + " with SnapStart",
                "gateway throughput, 2 clients, just after the start: POST /pwausers vs raw PutItem",
                "gateway throughput, 2 clients, steady state: POST /pwausers vs raw PutItem",
                "gateway CPU per request, steady state", "by thread: Jetty's", "warm-up rounds of 1 s",
                "CPU per request of every process (the engine, this JVM), steady state", "a raw PutItem costs the engine",
                "deployment package (add-pwa-user.jar)",
                "DynamoDB write request units, median request: POST /pwausers with a new Idempotency-Key",
                "billed duration, first invocation after a restore: POST /pwausers");
        assertThat(report.run().sections()).extracting(s -> s.section())
                .containsExactly("cold", "warm", "restore", "gateway", "package", "cost");
        // every row has its figure; but the gateway's rounds of 1 s, just after the stack's start, may see no answer
        // at all on a machine whose cores are kept busy (then the figures per answer are n/a): only their rows count
        assertThat(report.run().sections()).filteredOn(s -> !s.section().equals("gateway"))
                .flatExtracting(s -> s.rows()).extracting(Row::value).as("every row has its figure").doesNotContainNull();
        assertThat(report.run().section("gateway").orElseThrow().rows()).extracting(Row::id)
                .contains("gateway.start", "gateway.steady", "gateway.cpu.steady", "gateway.cpu.machine");
        assertThat(report.file()).hasParent(results).hasFileName(report.run().startedAt().replace(':', '-')
                + "-quick.json");
        assertThat(new ResultsFolder(results).read()).singleElement()
                .satisfies(saved -> assertThat(saved.run()).isEqualTo(report.run()));
        assertThat(Files.readString(report.file())).contains("\"unit\" : \"ms\"");
    }
}
