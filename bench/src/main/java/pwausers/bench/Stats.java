package pwausers.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles of samples (nearest rank, as warm.js computes them). */
final class Stats {
    private Stats() {
    }

    static double median(List<? extends Number> samples) {
        return percentile(samples, 0.5);
    }

    static double percentile(List<? extends Number> samples, double q) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = samples.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(sorted.length * q))];
    }
}
