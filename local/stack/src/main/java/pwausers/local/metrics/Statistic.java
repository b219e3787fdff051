package pwausers.local.metrics;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statistic as a dashboard or an alarm names it: {@code SampleCount}, {@code Sum}, {@code Average},
 * {@code Minimum}, {@code Maximum}, or a percentile {@code pNN} ({@code p50}, {@code p99}, {@code p99.9})
 * (CloudWatch guide, <i>CloudWatch statistics definitions</i>). CloudWatch's other statistics (trimmed means, IQM, ...)
 * are not computed locally: {@link #parse} gives none for them.
 */
record Statistic(String name, Kind kind, double percentile) {
    enum Kind { SAMPLE_COUNT, SUM, AVERAGE, MINIMUM, MAXIMUM, PERCENTILE }

    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(?:\\.\\d+)?|100)");

    static final Statistic SAMPLE_COUNT = new Statistic("SampleCount", Kind.SAMPLE_COUNT, 0);
    static final Statistic SUM = new Statistic("Sum", Kind.SUM, 0);
    static final Statistic AVERAGE = new Statistic("Average", Kind.AVERAGE, 0);
    static final Statistic MINIMUM = new Statistic("Minimum", Kind.MINIMUM, 0);
    static final Statistic MAXIMUM = new Statistic("Maximum", Kind.MAXIMUM, 0);

    /** The statistic so named, or none when it is not one computed locally. */
    static Optional<Statistic> parse(String name) {
        for (Statistic simple : new Statistic[] {SAMPLE_COUNT, SUM, AVERAGE, MINIMUM, MAXIMUM}) {
            if (simple.name.equals(name)) {
                return Optional.of(simple);
            }
        }
        Matcher percentile = PERCENTILE.matcher(name);
        return percentile.matches()
                ? Optional.of(new Statistic(name, Kind.PERCENTILE, Double.parseDouble(percentile.group(1))))
                : Optional.empty();
    }

    /** The statistic of these values, or none without values (or a percentile of values kept without a sample). */
    Optional<Double> of(Aggregate values) {
        if (values == null || values.count() == 0) {
            return Optional.empty();
        }
        return switch (kind) {
            case SAMPLE_COUNT -> Optional.of((double) values.count());
            case SUM -> Optional.of(values.sum());
            case AVERAGE -> Optional.of(values.sum() / values.count());
            case MINIMUM -> Optional.of(values.min());
            case MAXIMUM -> Optional.of(values.max());
            case PERCENTILE -> values.percentile(percentile);
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
