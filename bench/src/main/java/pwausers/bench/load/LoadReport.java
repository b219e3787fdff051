package pwausers.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pwausers.bench.report.MarkdownTable;

/** Every scenario's figures and verdict in one table, then what each verdict rests on. */
public final class LoadReport {
    private static final String[] HEADER = {"Scenario", "Setup", "Time", "Req/s", "p50", "p90", "p99", "max",
        "Statuses", "Lost", "Dup.", "Phantom", "Unacked", "Recovered", "Verdict"};
    private final List<ScenarioResult> results;

    LoadReport(List<ScenarioResult> results) {
        this.results = List.copyOf(results);
    }

    public List<ScenarioResult> results() {
        return results;
    }

    public boolean passed() {
        return results.stream().allMatch(ScenarioResult::passed);
    }

    /** What {@link #print} prints. */
    public String text() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public void print(PrintStream out) {
        boolean[] left = new boolean[HEADER.length];
        left[0] = left[1] = left[8] = true;
        MarkdownTable table = new MarkdownTable(HEADER, left);
        for (ScenarioResult r : results) {
            LedgerCheck.Verdict v = r.verdict();
            table.add(r.scenario().flagName(), r.setup(), String.format("%.1f s", r.wallNanos() / 1e9),
                String.format("%,.0f", r.perSecond()), ms(r.latencyMillis(0.5)), ms(r.latencyMillis(0.9)),
                ms(r.latencyMillis(0.99)), ms(r.latencyMillis(1.0)), ScenarioResult.statuses(r.statusCounts()),
                Integer.toString(v.lost().size()), Integer.toString(v.duplicated().size()),
                r.readBack() ? "n/a" : Integer.toString(v.phantoms().size()),
                r.readBack() ? "n/a" : Integer.toString(v.unacked().size()),
                r.recovery().isEmpty() ? "" : r.recovery().startsWith("yes") ? "yes" : "**no**",
                r.passed() ? "PASS" : "**FAIL**");
        }
        table.print(out);
        out.println();
        out.println("Latencies and statuses are the normal clients' (not the misbehaving raw-socket ones); Lost: 201s"
                + " whose item is missing or differs; Dup.: an id announced twice, or one submission stored twice;"
                + " Phantom: items no request sent; Unacked: items written by requests that got no 201 (allowed,"
                + " listed below). \"none\" in Statuses: no answer within the client's timeout, or a broken connection.");
        if (results.stream().anyMatch(ScenarioResult::readBack)) {
            out.println("Against a URL the table is out of reach: each 201 is read back (GET /pwausers/{id}), and items"
                    + " that no 201 announced (Phantom, Unacked) cannot be seen (n/a). 429: the stage's throttle"
                    + " refused the request before the function ran; nothing was stored.");
        }
        for (ScenarioResult r : results) {
            out.println();
            out.println("### " + r.scenario().flagName() + ": " + (r.passed() ? "PASS" : "FAIL"));
            r.failures().forEach(f -> out.println("- FAILED: " + f));
            if (!r.recovery().isEmpty()) {
                out.println("- recovery: " + r.recovery());
            }
            r.notes().forEach(n -> out.println("- " + n));
            LedgerCheck.Verdict v = r.verdict();
            out.println("- " + (r.readBack() ? "read back: " + v.items() + " entries" : "table: " + v.items() + " items")
                    + "; ledger: " + r.entries().size() + " requests, " + v.inFlight().size() + " without a 201");
            Map<String, Long> kinds = v.inFlight().stream().collect(Collectors.groupingBy(
                    e -> e.client() + " " + (e.status() == 0 ? "no answer" : Integer.toString(e.status())),
                    Collectors.counting()));
            if (!kinds.isEmpty()) {
                out.println("- without a 201, by kind: " + kinds);
                v.inFlight().stream().filter(e -> !e.client().equals("abort") && e.status() != 429)
                        .limit(LoadHarness.listed())
                        .forEach(e -> out.println("  - " + e));
            }
            if (!v.unacked().isEmpty()) {
                out.println("- written but not acknowledged: " + v.unacked().size());
                v.unacked().stream().limit(LoadHarness.listed()).forEach(u -> out.println("  - " + u));
            }
        }
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "" : millis >= 100 ? String.format("%.0f ms", millis)
                : String.format("%.1f ms", millis);
    }
}
