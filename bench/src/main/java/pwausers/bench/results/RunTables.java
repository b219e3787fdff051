package pwausers.bench.results;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pwausers.bench.report.MarkdownTable;

/** A run's results as text: the whole report a run prints, or one part of it as the docs show it. */
public final class RunTables {
    private static final String[] HEADER = {"Measure", "Java", "Reference", "Java / ref.", "Target", "Met"};
    private static final boolean[] LEFT = {true, false, false, false, false, false};

    private RunTables() {
    }

    /** The rows as one table. */
    public static MarkdownTable table(List<Row> rows) {
        MarkdownTable table = new MarkdownTable(HEADER, LEFT);
        rows.forEach(row -> table.add(row.cells()));
        return table;
    }

    /** What a run prints at its end: where, how, one table of every part's rows, their notes, and the verdict. */
    public static String report(BenchRun run) {
        StringWriter text = new StringWriter();
        PrintWriter p = new PrintWriter(text);
        p.println();
        p.println("pwa-users bench: " + run.machine());
        run.about().forEach(p::println);
        run.sections().forEach(s -> s.about().forEach(p::println));
        p.println();
        p.print(table(run.sections().stream().flatMap(s -> s.rows().stream()).toList()).text());
        p.println();
        run.sections().forEach(s -> s.notes().forEach(n -> p.println("note: " + n)));
        if (run.failures().isEmpty()) {
            p.println("all " + run.invocations() + " invocations gave the expected answer (the workshop's 201 for"
                    + " Mickey Mouse; 200 for a raw PutItem; 403 for a path the gateway does not route; each route's"
                    + " own in the cost rows).");
        } else {
            p.println(run.failures().size() + " FAILURE(S) among " + run.invocations() + " invocations:");
            run.failures().forEach(f -> p.println("  " + f.replace("\n", "\n    ")));
        }
        p.flush();
        return text.toString();
    }

    /** One part of a run as the docs show it: where it comes from, how it was measured, its table and notes. */
    public static String section(String file, BenchRun run, SectionResult section) {
        StringWriter text = new StringWriter();
        PrintWriter p = new PrintWriter(text);
        p.println("From `" + file + "` (" + run.startedAt() + "; " + settings(run.settings()) + "): " + run.machine()
                + ".");
        run.about().forEach(line -> p.println(line + "  "));
        section.about().forEach(line -> p.println(line + "  "));
        p.println();
        p.print(table(section.rows()).text());
        if (!section.notes().isEmpty()) {
            p.println();
            section.notes().forEach(n -> p.println("- " + n));
        }
        p.flush();
        return text.toString();
    }

    private static String settings(Map<String, Object> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
