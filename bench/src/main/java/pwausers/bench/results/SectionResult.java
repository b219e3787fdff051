package pwausers.bench.results;

import java.util.List;

/**
 * What one part of a run found.
 *
 * @param section which part ({@code cold}, {@code warm}, ...: as {@code --only} names it)
 * @param about   how it was measured, in a line or two, for the report's header
 * @param rows    its rows, in order
 * @param notes   what the rows cannot say (accounts, the rounds' spread), one paragraph each
 */
public record SectionResult(String section, List<String> about, List<Row> rows, List<String> notes) {
    public SectionResult {
        about = List.copyOf(about);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
