package pwausers.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static pwausers.bench.measure.Samples.warm;

import java.util.List;
import org.junit.jupiter.api.Test;
import pwausers.bench.results.Row;

/** The warm rows from canned rounds: each figure the median of the rounds' own p50, p99 and CPU per call. */
class WarmInvocationsTest {
    @Test
    void p50P99AndCpu_areMediansOfTheRounds_againstNodes() {
        // 100 calls a round: 1..100 us (p50 51, p99 100), 11..110 (61, 110), 21..120 (71, 120)
        List<pwausers.bench.rig.ChildRun> java = List.of(round(1, 100_000), round(11, 120_000), round(21, 110_000));
        List<pwausers.bench.rig.ChildRun> node = List.of(round(31, 150_000));

        List<Row> rows = WarmInvocations.rows("java17/java21 (JDK 17)", java, node);

        assertThat(rows).extracting(Row::measure).containsExactly("warm p50: java17/java21 (JDK 17)",
                "warm p99: java17/java21 (JDK 17)", "warm CPU (user+sys) per invocation: java17/java21 (JDK 17)");
        assertThat(rows.get(0).value().value()).isEqualTo(61);
        assertThat(rows.get(0).reference().value()).isEqualTo(81);
        assertThat(rows.get(0).met()).isTrue();
        assertThat(rows.get(1).value().value()).isEqualTo(110);
        assertThat(rows.get(1).reference().value()).isEqualTo(130);
        assertThat(rows.get(2).value().value()).as("110 ms of CPU over 100 calls").isEqualTo(1100);
        assertThat(rows.get(2).reference().value()).isEqualTo(1500);
        assertThat(rows.get(2).cells()[3]).isEqualTo("0.73x");
        assertThat(rows.get(2).target()).isNull();
    }

    @Test
    void withoutNodesRuns_thereIsNothingToSay() {
        assertThat(WarmInvocations.rows("java17/java21 (JDK 17)", List.of(round(1, 1000)), List.of())).isEmpty();
    }

    private static pwausers.bench.rig.ChildRun round(int from, long cpuMicros) {
        long[] micros = new long[100];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = from + i;
        }
        return warm(cpuMicros, micros);
    }
}
