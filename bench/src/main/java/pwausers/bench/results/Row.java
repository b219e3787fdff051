package pwausers.bench.results;

/**
 * One row of the bench's table: a figure of the Java function, perhaps beside a reference (Node.js's, a raw
 * PutItem's, the second call's), their ratio, and a target it is held against.
 *
 * @param id            a stable name to cite the row by ({@code cold.time.java17-java21}); the measure may be reworded
 * @param measure       what it is, in words
 * @param value         the figure; null when it could not be measured ("n/a")
 * @param reference     the reference figure, or null
 * @param referenceNote what the reference is, when not Node.js ({@code raw}, {@code second}), or null
 * @param ratio         value / reference (or a share), or null
 * @param target        the target in words ({@code <= 2.0x Node}), or null
 * @param met           whether the target is met, or null without a target
 */
public record Row(String id, String measure, Figure value, Figure reference, String referenceNote, Figure ratio,
                  String target, Boolean met) {

    /** A figure alone. */
    public static Row of(String id, String measure, Figure value) {
        return new Row(id, measure, value, null, null, null, null, null);
    }

    /** The table's cells: measure, Java, reference, ratio, target, met. */
    public String[] cells() {
        return new String[] {measure, value == null ? "n/a" : value.toString(),
            reference == null ? "" : reference + (referenceNote == null ? "" : " (" + referenceNote + ")"),
            ratio == null ? (reference == null ? "" : "n/a") : ratio.toString(), target == null ? "" : target,
            met == null ? "" : met ? "yes" : "**no**"};
    }
}
