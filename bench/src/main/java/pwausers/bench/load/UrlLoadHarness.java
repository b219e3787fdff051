package pwausers.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import pwausers.bench.cost.RequestUsage;

/**
 * {@code ./pwa-users loadtest --url URL}: the steady and idempotency scenarios against any deployment of this API (a
 * running {@code up}, a stack on AWS), with no access to its table. Each 201 is read back through the API
 * ({@link ReadBack}); on request, every entry the run stored is deleted through it ({@link #cleanUp}). The stage may
 * throttle: its 429 is an answer that stored nothing, never a failure and never counted as stored. Every request is
 * bounded in count ({@link UrlLoadPlan} says how many at most) and by the client's timeout.
 */
public final class UrlLoadHarness {
    /** The scenarios that need no more than the API: the others break the local engine. */
    public static final List<Scenario> SCENARIOS = List.of(Scenario.STEADY, Scenario.IDEMPOTENCY);
    private final ApiUrl api;
    private final LoadOptions options;
    private final PrintStream progress;
    private final EntryClient entries;
    private final List<LedgerEntry> sent = new ArrayList<>();

    /** @param progress where each step is said (stderr); the report goes to the caller */
    public UrlLoadHarness(ApiUrl api, LoadOptions options, PrintStream progress) {
        for (Scenario scenario : options.scenarios()) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException(scenario.flagName() + " needs the local stack (it breaks its engine)");
            }
        }
        this.api = api;
        this.options = options;
        this.progress = progress;
        this.entries = new EntryClient(api, Duration.ofSeconds(options.timeoutSeconds()));
    }

    /** Runs every scenario of the options in turn, and checks each one's ledger by reading its 201s back. */
    public LoadReport run() {
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : options.scenarios()) {
            progress.println("loadtest: " + scenario.flagName() + " against " + api + "...");
            Ledger ledger = new Ledger(LoadHarness.runTag());
            FormClient client = new FormClient(api, Duration.ofSeconds(options.timeoutSeconds()), ledger);
            ScenarioResult result = scenario == Scenario.STEADY ? steady(client, ledger)
                    : IdempotencyBurst.run(client, ledger, options.sameKey(), true, this::readBack, true);
            synchronized (sent) {
                sent.addAll(result.entries());
            }
            progress.println("loadtest: " + scenario.flagName() + ": " + (result.passed() ? "PASS" : "FAIL "
                    + result.failures()));
            results.add(result);
        }
        return new LoadReport(results);
    }

    private ScenarioResult steady(FormClient client, Ledger ledger) {
        int requests = options.requestsFor(Scenario.STEADY);
        ClosedLoopLoad load = new ClosedLoopLoad(client, options.clients(), requests, 0);
        load.start();
        long wall = load.join();
        List<LedgerEntry> ledgered = ledger.entries();
        List<String> failures = new ArrayList<>();
        LedgerCheck.Verdict verdict = LedgerCheck.check(ledgered, readBack(ledgered, failures));
        failures.addAll(verdict.problems());
        List<String> bad = new ArrayList<>();
        for (LedgerEntry e : ledgered) {
            if (e.status() == 0) {
                bad.add("no answer: " + e);
            } else if (e.status() == 503 && e.retryAfter() == null) {
                bad.add("a 503 without Retry-After: " + e);
            } else if (e.status() != 201 && e.status() != 429 && e.status() != 503 && e.status() != 504) {
                // 504: the gateway's timeout (API Gateway's integration timeout; locally, a request that waited for a
                // busy environment past the function's Timeout): an overloaded answer that claims no write
                bad.add("not 201, 429, 503 or 504: " + e);
            }
        }
        if (!bad.isEmpty()) {
            failures.add(bad.size() + " answers not as they should be: " + LedgerCheck.first(bad));
        }
        if (ledgered.stream().noneMatch(LedgerEntry::acknowledged)) {
            failures.add("no request was stored, so none could be checked (every one throttled? fewer --clients, or"
                    + " a stage with higher limits)");
        }
        List<String> notes = new ArrayList<>();
        long throttled = ledgered.stream().filter(e -> e.status() == 429).count();
        if (throttled > 0) {
            notes.add(throttled + " requests throttled by the stage (429): answered before the function ran, nothing"
                    + " stored");
        }
        long unknown = ledgered.stream().filter(LedgerEntry::mayHaveWritten).count();
        if (unknown > 0) {
            notes.add(unknown + " requests got a 5xx or no answer: each may have stored an entry that this run cannot"
                    + " see (last names " + ledger.lastNameOf(0).replaceFirst("^r\\d+", "r*") + ")");
        }
        return new ScenarioResult(Scenario.STEADY, options.clients() + " clients, " + requests + " requests", ledgered,
                wall, verdict, failures, "", notes, true);
    }

    /**
     * The entries of the 201s as the API shows them. An id whose read got no telling answer is a failure of its own
     * (unverified), and stands in the table as the ledger has it, so that it is not counted as lost as well.
     */
    private List<TableItem> readBack(List<LedgerEntry> ledgered, List<String> failures) {
        List<String> ids = ReadBack.acknowledgedIds(ledgered);
        progress.println("loadtest: reading back the " + ids.size() + " entries the 201s announced...");
        ReadBack.Result result = ReadBack.read(entries, ledgered, readers());
        List<TableItem> items = new ArrayList<>(result.items());
        if (!result.unverified().isEmpty()) {
            failures.add(result.unverified().size() + " entries could not be read back (unverified): "
                    + LedgerCheck.first(new ArrayList<>(result.unverified().entrySet())));
            for (String id : result.unverified().keySet()) {
                ledgered.stream().filter(e -> e.acknowledged() && id.equals(e.id())).findFirst()
                        .ifPresent(e -> items.add(new TableItem(id, e.fname(), e.lname())));
            }
        }
        return items;
    }

    private int readers() {
        return Math.max(1, Math.min(options.clients(), 8));
    }

    /** What a clean-up did: entries deleted, already gone, and left behind (with why), by id. */
    public record CleanUp(int deleted, int alreadyGone, Map<String, String> left, List<LedgerEntry> unknown) {
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("clean-up: " + deleted + " entries deleted (204), " + alreadyGone + " already gone (404)"
                    + (left.isEmpty() ? "" : ", " + left.size() + " NOT deleted:"));
            left.forEach((id, outcome) -> lines.add("  DELETE /pwausers/" + id + " -> " + outcome));
            if (!unknown.isEmpty()) {
                lines.add("clean-up: " + unknown.size() + " requests got a 5xx or no answer and may have stored an entry"
                        + " whose id this run never learned; their last names:");
                unknown.stream().limit(LoadHarness.listed()).forEach(e -> lines.add("  " + e.lname()));
            }
            return lines;
        }

        public boolean complete() {
            return left.isEmpty() && unknown.isEmpty();
        }
    }

    /** Deletes every entry a 201 of this harness announced ({@code DELETE /pwausers/{id}}). */
    public CleanUp cleanUp() {
        List<LedgerEntry> all;
        synchronized (sent) {
            all = List.copyOf(sent);
        }
        List<String> ids = ReadBack.acknowledgedIds(all);
        progress.println("loadtest: deleting the " + ids.size() + " entries the run stored...");
        int deleted = 0;
        int gone = 0;
        Map<String, String> left = new LinkedHashMap<>();
        for (Map.Entry<String, EntryClient.Reply> reply : ReadBack.inParallel(ids, entries::delete, readers())
                .entrySet()) {
            switch (reply.getValue().status()) {
                case 204 -> deleted++;
                case 404 -> gone++;
                default -> left.put(reply.getKey(), reply.getValue().outcome());
            }
        }
        return new CleanUp(deleted, gone, left, all.stream().filter(LedgerEntry::mayHaveWritten).toList());
    }

    /** Every request sent so far by what it used, for the cost model: a 429 used the stage alone. */
    public Map<RequestUsage, Long> sentUsage() {
        Map<RequestUsage, Long> usage = new LinkedHashMap<>();
        synchronized (sent) {
            for (LedgerEntry e : sent) {
                usage.merge(e.status() == 429 ? RequestUsage.THROTTLED
                        : e.key() != null ? RequestUsage.POST_WITH_KEY : RequestUsage.POST, 1L, Long::sum);
            }
        }
        entries.sent().forEach((request, n) -> usage.merge(request.endsWith(" 429") ? RequestUsage.THROTTLED
                : request.startsWith("GET") ? RequestUsage.GET : RequestUsage.DELETE, n, Long::sum));
        return usage;
    }

    /** Every request sent so far, by {@code METHOD status} (0: no answer): POSTs, GETs, then DELETEs. */
    public Map<String, Long> sent() {
        List<String> methods = List.of("POST", "GET", "DELETE");
        Map<String, Long> counts = new TreeMap<>(Comparator.comparing((String k) -> methods.indexOf(k.split(" ")[0]))
                .thenComparing(Comparator.naturalOrder()));
        synchronized (sent) {
            counts.putAll(sent.stream().collect(Collectors.groupingBy(e -> "POST " + e.status(), Collectors.counting())));
        }
        entries.sent().forEach((k, v) -> counts.merge(k, v, Long::sum));
        return counts;
    }
}
