package pwausers.bench.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.bench.results.Figure.Unit;
import pwausers.local.engine.ProjectFiles;

/** Results files written and read back, and the blocks of a document generated from the newest of them. */
class GeneratedDocsTest {
    private static BenchRun run(String startedAt, boolean quick, double coldMillis, String... parts) {
        List<SectionResult> sections = new java.util.ArrayList<>();
        for (String part : parts) {
            sections.add(new SectionResult(part, List.of("How " + part + " is measured."),
                    List.of(new Row(part + ".time", part + " time", new Figure(coldMillis, Unit.MILLISECONDS),
                            new Figure(190, Unit.MILLISECONDS), null, new Figure(coldMillis / 190, Unit.TIMES),
                            "<= 2.0x Node", coldMillis / 190 <= 2)),
                    List.of("A note on " + part + ".")));
        }
        return new BenchRun(startedAt, "2 CPUs (test)", List.of("Java: the jar."), Map.of("rounds", 20), quick,
                sections, 40, List.of());
    }

    @Test
    void aRun_readsBackAsItWasWritten(@TempDir Path dir) {
        ResultsFolder folder = new ResultsFolder(dir);
        BenchRun run = run("2026-12-07T10:32:05Z", false, 754, "cold", "warm");

        Path file = folder.write(run);

        assertThat(file.getFileName()).hasToString("2026-12-07T10-32-05Z.json");
        assertThat(folder.read()).singleElement().satisfies(saved -> assertThat(saved.run()).isEqualTo(run));
    }

    @Test
    void eachBlock_isTheNewestFullRunOfItsPart_andTheProseAroundIsKept(@TempDir Path root) throws Exception {
        ResultsFolder folder = new ResultsFolder(root.resolve("bench/results"));
        folder.write(run("2026-12-01T00:00:00Z", false, 800, "cold", "warm"));
        folder.write(run("2026-12-02T00:00:00Z", false, 700, "cold"));
        folder.write(run("2026-12-03T00:00:00Z", true, 999, "cold", "warm")); // a smoke run: never cited
        String doc = "# Performance\n\nProse.\n\n<!-- bench:cold -->\nold figures\n<!-- /bench:cold -->\n\nMore prose.\n\n"
                + "<!-- bench:warm -->\n<!-- /bench:warm -->\n\n<!-- bench:gateway -->\nx\n<!-- /bench:gateway -->\n";

        String generated = GeneratedDocs.generate(doc, folder.read(), root);

        assertThat(generated).startsWith("# Performance\n\nProse.\n\n<!-- bench:cold -->\nFrom"
                + " `bench/results/2026-12-02T00-00-00Z.json` (2026-12-02T00:00:00Z; rounds 20): 2 CPUs (test).\n")
                .contains("| cold time | 700 ms |", "- A note on cold.\n<!-- /bench:cold -->\n\nMore prose.\n\n",
                        "`bench/results/2026-12-01T00-00-00Z.json`", "| warm time | 800 ms |",
                        "<!-- bench:gateway -->\nNo run in `bench/results/` has measured this part yet: `./pwa-users"
                                + " bench --only gateway`.\n<!-- /bench:gateway -->")
                .doesNotContain("old figures", "999 ms");
        assertThat(GeneratedDocs.generate(generated, folder.read(), root)).as("generating twice changes nothing")
                .isEqualTo(generated);
    }

    @Test
    void writingADocument_saysWhetherItChanged(@TempDir Path root) throws Exception {
        ResultsFolder folder = new ResultsFolder(root.resolve("bench/results"));
        folder.write(run("2026-12-01T00:00:00Z", false, 800, "cold"));
        Path doc = Files.writeString(root.resolve("perf.md"), "<!-- bench:cold -->\n<!-- /bench:cold -->\n");

        assertThat(GeneratedDocs.write(doc, folder, root)).isTrue();
        assertThat(GeneratedDocs.write(doc, folder, root)).isFalse();
        assertThat(Files.readString(doc)).contains("800 ms");
    }

    @Test
    void docsPerformanceMd_isWhatTheProjectsResultsGenerate() throws Exception {
        Path root = ProjectFiles.root();
        String doc = Files.readString(root.resolve("docs/performance.md"));

        assertThat(GeneratedDocs.generate(doc, new ResultsFolder(root.resolve(ResultsFolder.PROJECT_FOLDER)).read(),
                root)).as("docs/performance.md against bench/results/: ./pwa-users bench --write-docs").isEqualTo(doc);
    }
}
