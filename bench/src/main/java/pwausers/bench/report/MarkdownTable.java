package pwausers.bench.report;

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
        out.print(text());
    }

    /** The table, a line a row, each line ended. */
    public String text() {
        int[] width = new int[header.length];
        List<String[]> all = new ArrayList<>(List.<String[]>of(header));
        all.addAll(rows);
        for (String[] row : all) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < all.size(); r++) {
            text.append('|');
            for (int i = 0; i < header.length; i++) {
                text.append(' ').append(String.format("%" + (leftAligned[i] ? "-" : "") + width[i] + "s", all.get(r)[i]))
                        .append(" |");
            }
            text.append('\n');
            if (r == 0) {
                text.append('|');
                for (int i = 0; i < header.length; i++) {
                    text.append(leftAligned[i] ? ":" : "-").append("-".repeat(width[i])).append(leftAligned[i] ? "-|" : ":|");
                }
                text.append('\n');
            }
        }
        return text.toString();
    }
}
