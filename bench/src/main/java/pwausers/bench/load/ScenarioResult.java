package pwausers.bench.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import pwausers.bench.report.Percentiles;

/**
 * One scenario's outcome: its ledger, the ledger's verdict against the table, and every check that failed.
 *
 * @param scenario  which one
 * @param setup     its size, e.g. "32 clients, 10000 requests"
 * @param entries   the whole ledger
 * @param wallNanos how long its load ran
 * @param verdict   the ledger against the table
 * @param failures  every check that failed, in words (empty: the scenario passed)
 * @param recovery  how the service came back after the fault, in words ("" where there is no fault)
 * @param notes     what else is worth saying (the fault's timing, the stack's console)
 * @param readBack  whether the ledger was checked by reading each 201's entry back through the API (a deployment,
 *                  whose table is out of reach) rather than against a scan of the table: phantoms and unacknowledged
 *                  writes are then out of sight
 */
public record ScenarioResult(Scenario scenario, String setup, List<LedgerEntry> entries, long wallNanos,
                             LedgerCheck.Verdict verdict, List<String> failures, String recovery, List<String> notes,
                             boolean readBack) {

    public boolean passed() {
        return failures.isEmpty();
    }

    /** The requests that the figures are about: the normal clients' (not the misbehaving raw-socket ones). */
    public List<LedgerEntry> measured() {
        return entries.stream().filter(e -> e.client().equals("load") || e.client().equals("idem")).toList();
    }

    /** Count of each status among the measured requests; 0 is "no answer". */
    public Map<Integer, Long> statusCounts() {
        return measured().stream().collect(Collectors.groupingBy(LedgerEntry::status, TreeMap::new, Collectors.counting()));
    }

    public double perSecond() {
        return wallNanos == 0 ? 0 : measured().size() / (wallNanos / 1e9);
    }

    /** Latency percentile of the measured requests in milliseconds (nearest rank); q = 1 is the maximum. */
    public double latencyMillis(double q) {
        return Percentiles.of(measured().stream().mapToDouble(e -> e.latencyNanos() / 1e6).toArray(), q);
    }

    static String statuses(Map<Integer, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> (e.getKey() == 0 ? "none" : e.getKey().toString()) + ":" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
