package pwausers.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static pwausers.bench.measure.Samples.cold;

import java.util.List;
import org.junit.jupiter.api.Test;
import pwausers.bench.results.Row;

/** The cold starts' rows from canned runs: medians, their ratio to Node's, and the targets. */
class ColdStartsTest {
    private static final List<pwausers.bench.rig.ChildRun> NODE = List.of(cold(180, 190, 57), cold(200, 210, 57.5),
            cold(190, 200, 56.5));

    @Test
    void eachFigureIsTheMedianOfItsRuns_besideNodes() {
        List<Row> rows = ColdStarts.rows("java17/java21 (JDK 17)",
                List.of(cold(800, 1200, 63), cold(700, 1000, 65), cold(760, 1100, 62)), NODE, "");

        assertThat(rows).extracting(Row::id).containsExactly("cold.java17-java21-jdk-17.time",
                "cold.java17-java21-jdk-17.cpu", "cold.java17-java21-jdk-17.rss");
        Row time = rows.get(0);
        assertThat(time.value().value()).isEqualTo(760);
        assertThat(time.reference().value()).isEqualTo(190);
        assertThat(time.ratio().value()).isEqualTo(4.0);
        assertThat(time.target()).isEqualTo("<= 2.0x Node");
        assertThat(time.met()).isFalse();
        assertThat(rows.get(1).value().value()).isEqualTo(1100);
        assertThat(rows.get(1).met()).as("CPU has no target").isNull();
        Row rss = rows.get(2);
        assertThat(rss.value().value()).isEqualTo(63);
        assertThat(rss.met()).as("63 MiB against 64").isTrue();
        assertThat(rss.cells()).containsExactly("cold start peak RSS, median: java17/java21 (JDK 17)", "63.0 MiB",
                "57.0 MiB", "1.11x", "<= 64 MiB", "yes");
    }

    @Test
    void onOneCpu_thereIsNoPeakRssRow_andAFastStartMeetsItsTarget() {
        List<Row> rows = ColdStarts.rows("java17/java21 (JDK 17)", List.of(cold(300, 400, 70)), NODE, ", on one CPU");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).id()).isEqualTo("cold.one-cpu.java17-java21-jdk-17.time");
        assertThat(rows.get(0).measure()).startsWith("cold start to its answer, on one CPU, median");
        assertThat(rows.get(0).met()).as("300 ms against 2.0 x 190").isTrue();
    }

    @Test
    void noRunThatAnswered_isNoFigure_notAZero() {
        List<Row> rows = ColdStarts.rows("a JVM that failed", List.of(), NODE, "");

        assertThat(rows).allSatisfy(row -> {
            assertThat(row.value()).isNull();
            assertThat(row.met()).isNull();
            assertThat(row.cells()[1]).isEqualTo("n/a");
        });
    }
}
