package pwausers.bench.report;

import java.util.Arrays;
import java.util.Collection;

/** Medians and percentiles by nearest rank, the one way every figure of the bench and the load harness is taken. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The q-quantile (0 to 1; 1 is the maximum) of the samples, or NaN when there are none. */
    public static double of(Collection<? extends Number> samples, double q) {
        return of(samples.stream().mapToDouble(Number::doubleValue).toArray(), q);
    }

    public static double of(double[] samples, double q) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(sorted.length * q))];
    }

    public static double median(Collection<? extends Number> samples) {
        return of(samples, 0.5);
    }
}
