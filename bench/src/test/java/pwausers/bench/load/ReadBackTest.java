package pwausers.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the 201s back: which ids, and what a GET's body says of the entry. */
class ReadBackTest {
    private static LedgerEntry answered(long seq, int status, String id) {
        return new LedgerEntry(seq, "load", "Load", "r" + seq, null, 0, 1, status, id, null, false, null);
    }

    @Test
    void theIdsOfThe201s_eachOnce_notThoseOfOtherAnswers() {
        List<LedgerEntry> entries = List.of(answered(0, 201, "a"), answered(1, 429, null), answered(2, 201, "b"),
                answered(3, 201, "a"), answered(4, 503, null));

        assertThat(ReadBack.acknowledgedIds(entries)).containsExactly("a", "b");
    }

    @Test
    void aGetsBody_isTheEntry_orNothingWhenItHasNoId() {
        assertThat(ReadBack.item("{\"PwaUserId\":\"a\",\"Firstname\":\"Load\",\"Lastname\":\"r0\",\"CreatedAt\":\"x\"}"))
                .isEqualTo(new TableItem("a", "Load", "r0"));
        assertThat(ReadBack.item("{\"Message\":\"Not found\"}")).isNull();
        assertThat(ReadBack.item("<html>")).isNull();
    }

    @Test
    void aThrottledRequest_neverCountsAsAWrite_aServerErrorMay() {
        assertThat(answered(0, 429, null).mayHaveWritten()).isFalse();
        assertThat(answered(0, 409, null).mayHaveWritten()).isFalse();
        assertThat(answered(0, 503, null).mayHaveWritten()).isTrue();
        assertThat(answered(0, 0, null).mayHaveWritten()).isTrue();
    }
}
