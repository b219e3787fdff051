package pwausers.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A table printed as Markdown, its columns aligned so that it also reads well in a terminal. */
public final class MarkdownTable {
    private final String[] header;
    private final boolean[] leftAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** @param leftAligned which columns are text (left); the others are figures (right) */
    public MarkdownTable(String[] header, boolean[] leftAligned) {
        this.header = header.clone();
        this.leftAligned = leftAligned.clone();
    }

    public void add(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException(header.length + " cells expected, not " + cells.length);
        }
        rows.add(cells.clone());
    }

    public List<String[]> rows() {
        return rows.stream().map(String[]::clone).toList();
    }

    public void print(PrintStream out) {
        int[] width = new int[header.length];
        List<String[]> all = new ArrayList<>(List.<String[]>of(header));
        all.addAll(rows);
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < all.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < header.length; i++) {
                line.append(' ').append(String.format("%" + (leftAligned[i] ? "-" : "") + width[i] + "s", all.get(r)[i]))
                        .append(" |");
            }
            out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int i = 0; i < header.length; i++) {
                    rule.append(leftAligned[i] ? ":" : "-").append("-".repeat(width[i])).append(leftAligned[i] ? "-|" : ":|");
                }
                out.println(rule);
            }
        }
    }
}
