package pwausers.bench.measure;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import pwausers.bench.report.Percentiles;
import pwausers.bench.results.Figure;
import pwausers.bench.results.Figure.Unit;
import pwausers.bench.results.Row;
import pwausers.bench.rig.ChildRun;

/** How the parts make their rows: a figure beside a reference, their ratio, and a target held to it. */
final class Rows {
    private Rows() {
    }

    /**
     * A figure beside a reference of the same unit; the target, if any, holds the ratio at or below {@code limit}.
     *
     * @param target the target in words, or null for none (then {@code limit} is ignored)
     */
    static Row ratio(String id, String measure, double java, double ref, Unit unit, String target, double limit) {
        double r = java / ref;
        Figure ratio = Figure.of(r, Unit.TIMES);
        return new Row(id, measure, Figure.of(java, unit), Figure.of(ref, unit), null, ratio, target,
                target == null || ratio == null ? null : r <= limit);
    }

    /** The median of a figure of the runs; NaN for none. */
    static double median(List<ChildRun> runs, ToDoubleFunction<ChildRun> figure) {
        return Percentiles.median(runs.stream().map(figure::applyAsDouble).toList());
    }

    /** A stable id from words: {@code cold.time} and {@code java17/java21 (JDK 17)} make {@code cold.time.java17-java21-jdk-17}. */
    static String id(String prefix, String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? prefix : prefix + "." + slug;
    }
}
