package pwausers.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import pwausers.bench.results.Row;

/** The rows of the first invocations after priming, from their four timings. */
class RestoresTest {
    @Test
    void theFirstKeyedCall_standsBesideTheSecond() {
        List<Row> rows = Restores.rows("java17/java21 (JDK 17) with SnapStart",
                new long[] {5_705_000, 12_759_000, 3_000_000, 5_798_000});

        assertThat(rows.get(0).cells()).containsExactly(
                "first invocation after priming: java17/java21 (JDK 17) with SnapStart", "5,705 us", "", "", "", "");
        assertThat(rows.get(1).cells()).containsExactly(
                "first invocation with an Idempotency-Key after priming: java17/java21 (JDK 17) with SnapStart",
                "12,759 us", "5,798 us (second)", "2.20x", "", "");
        assertThat(rows).extracting(Row::id).containsExactly("restore.java17-java21-jdk-17-with-snapstart.first",
                "restore.java17-java21-jdk-17-with-snapstart.first-keyed");
    }
}
