package pwausers.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short run of each scenario against a real local stack (gateway, function, dynalite on free loopback ports):
 * the verdicts, never the timings. The full-size runs are {@code ./pwa-users loadtest --scenario all}. The load
 * scenarios run 4 clients: concurrency enough for each scenario's point, and few execution environments (a JVM each)
 * for the stack to start. The scenarios share one stack with the quick bench's gateway part ({@link SharedTarget}),
 * its tables emptied before each ({@code loadtest} gives each a fresh one): a fault scenario ends only once the engine
 * answers again, and judges that itself.
 */
class LoadScenariosIT {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final int CLIENTS = 4;
    /** The engine-freeze run, which two tests judge: its answers, and its table for duplicates. */
    private static ScenarioResult freeze;

    /** A scenario on the stack they share. */
    private static synchronized ScenarioResult run(Scenario scenario, int clients, int requests) {
        LoadOptions options = new LoadCommand().options().with(List.of(scenario), clients, requests);
        return new LoadHarness(options, QUIET).run(scenario, SharedTarget.get());
    }

    private static synchronized ScenarioResult freeze() {
        if (freeze == null) {
            freeze = run(Scenario.ENGINE_FREEZE, CLIENTS, 200);
        }
        return freeze;
    }

    @Test
    void steadyLoad_everyRequestGets201_andTheTableHoldsExactlyTheAcknowledgedItems() {
        ScenarioResult result = run(Scenario.STEADY, CLIENTS, 200);

        assertThat(result.failures()).isEmpty();
        assertThat(result.statusCounts()).containsOnlyKeys(201).containsEntry(201, 200L);
        assertThat(result.verdict().items()).isEqualTo(200);
        assertClean(result.verdict());
        assertThat(result.verdict().unacked()).isEmpty();
    }

    @Test
    void engineKilledMidLoad_answers503WithRetryAfter_acknowledgesNothingUnstored_andRecoversByItself() {
        ScenarioResult result = run(Scenario.ENGINE_KILL, CLIENTS, 300);

        assertThat(result.failures()).isEmpty();
        assertThat(result.statusCounts()).containsKey(201).doesNotContainKeys(0, 500, 502);
        assertThat(result.statusCounts().keySet()).isSubsetOf(201, 503, 504);
        assertClean(result.verdict());
        assertThat(result.recovery()).startsWith("yes");
        assertThat(result.notes()).anyMatch(n -> n.contains("killed with SIGKILL") && n.contains("answering again"));
    }

    @Test
    void engineFrozenLongerThanTheBound_answers503Or504_acknowledgesNothingUnstored_andRecovers() {
        ScenarioResult result = freeze();

        // every check but the duplicates (see the next test): no hang, no other 5xx, no lost 201, no phantom
        assertThat(result.failures()).allSatisfy(f -> assertThat(f).contains("duplicated"));
        // every client was waiting on the frozen engine: each such request ends in 503 or 504, none hangs
        assertThat(result.statusCounts()).containsKey(201).doesNotContainKeys(0, 500, 502);
        assertThat(result.statusCounts().keySet()).isSubsetOf(201, 503, 504);
        assertThat(result.statusCounts().getOrDefault(503, 0L) + result.statusCounts().getOrDefault(504, 0L))
                .isPositive();
        assertThat(result.verdict().lost()).as("lost").isEmpty();
        assertThat(result.verdict().phantoms()).as("phantoms").isEmpty();
        assertThat(result.recovery()).startsWith("yes");
    }

    @Test
    void engineFrozenLongerThanTheBound_storesNoSubmissionTwice() {
        ScenarioResult result = freeze();

        assertThat(result.failures()).isEmpty();
        assertClean(result.verdict());
    }

    @Test
    void fiftyConcurrentRequestsWithOneKey_storeExactlyOneItem_andEvery201CarriesItsId() {
        ScenarioResult result = run(Scenario.IDEMPOTENCY, 50, 0);

        assertThat(result.failures()).isEmpty();
        assertThat(result.verdict().items()).isEqualTo(1);
        List<LedgerEntry> burst = result.entries().stream().filter(e -> e.client().equals("idem")).toList();
        assertThat(burst).hasSize(50).allSatisfy(e -> assertThat(e.status()).isIn(201, 409));
        assertThat(burst.stream().filter(LedgerEntry::acknowledged).map(LedgerEntry::id).distinct()).hasSize(1);
        assertClean(result.verdict());
    }

    @Test
    void slowAndVanishingClients_doNotStallTheGatewayForOthers() {
        ScenarioResult result = run(Scenario.SLOW_CLIENTS, CLIENTS, 200);

        assertThat(result.failures()).isEmpty();
        assertThat(result.statusCounts()).containsOnlyKeys(201);
        assertThat(result.entries()).anyMatch(e -> e.client().equals("abort"))
                .anyMatch(e -> e.client().equals("slow") && e.acknowledged());
        assertClean(result.verdict());
    }

    private static void assertClean(LedgerCheck.Verdict verdict) {
        assertThat(verdict.lost()).as("lost").isEmpty();
        assertThat(verdict.duplicated()).as("duplicated").isEmpty();
        assertThat(verdict.phantoms()).as("phantoms").isEmpty();
    }
}
