package pwausers.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The one table the bench prints: each row a paired comparison from this run. */
final class ResultTable {
    /**
     * @param measure   what is compared
     * @param java      the Java figure
     * @param reference what it is compared with (the Node.js peer, the floor, raw PutItem)
     * @param ratio     Java over reference, or a difference
     * @param target    the target
     * @param met       "yes", "no", or "" where no target applies
     */
    record Row(String measure, String java, String reference, String ratio, String target, String met) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String measure, String java, String reference, String ratio, String target, Boolean met) {
        rows.add(new Row(measure, java, reference, ratio, target, met == null ? "" : met ? "yes" : "**no**"));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Prints the table as Markdown, columns aligned so that it also reads well in a terminal. */
    void print(PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"Measure", "Java", "Reference", "Java / ref.", "Target", "Met"});
        for (Row r : rows) {
            lines.add(new String[] {r.measure(), r.java(), r.reference(), r.ratio(), r.target(), r.met()});
        }
        int[] width = new int[6];
        for (String[] line : lines) {
            for (int i = 0; i < 6; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        for (int l = 0; l < lines.size(); l++) {
            StringBuilder sb = new StringBuilder("|");
            for (int i = 0; i < 6; i++) {
                sb.append(' ').append(String.format("%-" + width[i] + "s", lines.get(l)[i])).append(" |");
            }
            out.println(sb);
            if (l == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int i = 0; i < 6; i++) {
                    rule.append(i == 0 ? ":" : "-").append("-".repeat(width[i])).append(i == 0 ? "-|" : ":|");
                }
                out.println(rule);
            }
        }
    }
}
