package pwausers.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger check itself: it must see each kind of failure, or a clean verdict means nothing. */
class LedgerCheckTest {
    private static LedgerEntry answered(long seq, String lname, int status, String id) {
        return new LedgerEntry(seq, "load", "Load", lname, null, 0, 1, status, id, status == 503 ? "1" : null,
                false, null);
    }

    private static LedgerEntry keyed(long seq, String key, int status, String id) {
        return new LedgerEntry(seq, "idem", "Idem", "k", key, 0, 1, status, id, null, false, null);
    }

    @Test
    void matchingLedgerAndTable_isClean() {
        LedgerCheck.Verdict v = LedgerCheck.check(
                List.of(answered(0, "r0", 201, "a"), answered(1, "r1", 201, "b")),
                List.of(new TableItem("a", "Load", "r0"), new TableItem("b", "Load", "r1")));

        assertThat(v.clean()).isTrue();
        assertThat(v.inFlight()).isEmpty();
    }

    @Test
    void a201WhoseItemIsMissingOrDifferent_isLost() {
        LedgerCheck.Verdict v = LedgerCheck.check(
                List.of(answered(0, "r0", 201, "a"), answered(1, "r1", 201, "b")),
                List.of(new TableItem("b", "Load", "r9")));

        assertThat(v.lost()).hasSize(2);
        assertThat(v.clean()).isFalse();
    }

    @Test
    void anEntryReadBackWithoutItsNames_isLost() {
        LedgerCheck.Verdict v = LedgerCheck.check(List.of(answered(0, "r0", 201, "a")),
                List.of(ReadBack.item("{\"PwaUserId\":\"a\"}")));

        assertThat(v.lost()).singleElement().asString().contains("other names");
    }

    @Test
    void oneIdForTwoRequests_orTwoItemsForOneSubmission_isDuplicated() {
        LedgerCheck.Verdict sameId = LedgerCheck.check(
                List.of(answered(0, "r0", 201, "a"), answered(1, "r0", 201, "a")),
                List.of(new TableItem("a", "Load", "r0")));
        LedgerCheck.Verdict twoItems = LedgerCheck.check(
                List.of(answered(0, "r0", 201, "a")),
                List.of(new TableItem("a", "Load", "r0"), new TableItem("z", "Load", "r0")));
        LedgerCheck.Verdict twoIdsOneKey = LedgerCheck.check(
                List.of(keyed(0, "k1", 201, "a"), keyed(1, "k1", 201, "b")),
                List.of(new TableItem("a", "Idem", "k"), new TableItem("b", "Idem", "k")));

        assertThat(sameId.duplicated()).hasSize(1);
        assertThat(twoItems.duplicated()).hasSize(1);
        assertThat(twoIdsOneKey.duplicated()).isNotEmpty();
    }

    @Test
    void oneKeysReplayedId_isNotADuplicate() {
        LedgerCheck.Verdict v = LedgerCheck.check(
                List.of(keyed(0, "k1", 201, "a"), keyed(1, "k1", 201, "a"), keyed(2, "k1", 409, null)),
                List.of(new TableItem("a", "Idem", "k")));

        assertThat(v.clean()).isTrue();
        assertThat(v.inFlight()).hasSize(1);
    }

    @Test
    void anItemNoRequestSent_isAPhantom_butOneFromAnInFlightFailure_isWrittenNotAcknowledged() {
        LedgerCheck.Verdict v = LedgerCheck.check(
                List.of(answered(0, "r0", 201, "a"), answered(1, "r1", 503, null)),
                List.of(new TableItem("a", "Load", "r0"), new TableItem("x", "Load", "r1"),
                        new TableItem("p", "Load", "never-sent")));

        assertThat(v.phantoms()).extracting(TableItem::id).containsExactly("p");
        assertThat(v.unacked()).hasSize(1).first().asString().startsWith("x Load r1");
        assertThat(v.lost()).isEmpty();
    }
}
