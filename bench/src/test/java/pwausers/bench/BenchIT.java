package pwausers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import pwausers.local.engine.ProjectFiles;

/**
 * The harness itself, on a very short run (2 cold starts per row, 20 + 50 warm invocations, 1 s of load): the table
 * has every row and every invocation answered 201. It checks no figure: benchmarks print figures, tests never
 * assert timings.
 */
class BenchIT {
    @Test
    void aShortRun_printsEveryRow_andEveryInvocationAnswered201() {
        BenchOptions quick = new BenchOptions(2, 20, 50, 2, 1, null, null, null);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        Bench.Report report = new Bench(quick, new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(report.failures()).as("invocations that did not answer 201").isEmpty();
        assertThat(report.invocations()).isGreaterThan(2L * 2 * 5 + 4 * 70);
        String text = report.text();
        String here = "Java " + Runtime.version().feature();
        for (String variant : new String[] {here + ", default flags", here + ", template flags",
                here + ", template flags + AppCDS"}) {
            assertThat(text).contains("cold start to 201, median: " + variant)
                    .contains("cold start peak RSS, median: " + variant)
                    .contains("cold start pinned to 1 CPU, median: " + variant);
        }
        assertThat(text).contains("warm p50: " + here + ", template flags", "warm p99: " + here + ", default flags",
                "handler overhead over raw PutItem, p50: " + here + ", template flags",
                "throughput, 2 concurrent: gateway vs raw PutItem",
                "deployment jar (add-pwa-user.jar)");
        assertThat(report.table().rows()).allSatisfy(row -> assertThat(row.java()).isNotBlank());
        if (Files.isDirectory(NodePeer.defaultSource(ProjectFiles.root()))) {
            assertThat(text).doesNotContain("no Node.js peer");
        } else {
            assertThat(text).contains("The Node.js peer is not available");
        }
    }
}
