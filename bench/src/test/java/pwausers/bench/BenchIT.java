package pwausers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, on a very short run (2 rounds of cold starts, 20 + 50 warm invocations, 1 s of gateway load):
 * the table has every row the documentation reads, and every invocation of both runtimes gave the workshop's answer.
 * It checks no figure: benchmarks print figures, tests never assert timings.
 */
class BenchIT {
    @Test
    void aQuickRun_printsEveryRow_andEveryInvocationGaveTheWorkshopsAnswer() {
        Bench.Settings quick = new Bench.Settings(2, 20, 50, 2, 2, 1, false, Bench.allSections(), null,
                List.of("-Xmn8m"));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Bench.Report report = new Bench(quick, new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(report.failures()).as("invocations that did not give the workshop's answer").isEmpty();
        assertThat(report.invocations()).isGreaterThan(2L * 2 + 2 * 70);
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
                "deployment package (add-pwa-user.jar)");
        assertThat(report.table().rows()).allSatisfy(row -> assertThat(row[1]).isNotBlank().isNotEqualTo("n/a"));
    }
}
