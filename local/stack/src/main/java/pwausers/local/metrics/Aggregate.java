package pwausers.local.metrics;

import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The values of one metric over a while (a minute, or up's whole run): their count, sum, minimum and maximum, exact,
 * and, for percentiles, the values themselves: every one up to {@value #SAMPLE_SIZE}, then a uniform random sample of
 * that many (reservoir sampling), so that memory stays bounded however long {@code up} runs. A metric counted in
 * {@code Count} (requests, errors, refusals: ones and zeros) keeps no sample: its percentiles mean nothing.
 * Not thread-safe: its {@link MetricStore} holds the lock.
 */
final class Aggregate {
    static final int SAMPLE_SIZE = 10_000;

    private final RandomGenerator random;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double[] sample;
    private boolean sorted;

    /** @param keepsSample whether percentiles are asked of it (the unit is not Count) */
    Aggregate(boolean keepsSample, RandomGenerator random) {
        this.random = random;
        this.sample = keepsSample ? new double[16] : null;
    }

    void add(double value) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (sample == null) {
            return;
        }
        sorted = false;
        if (count <= SAMPLE_SIZE) {
            if (count > sample.length) {
                sample = Arrays.copyOf(sample, Math.min(SAMPLE_SIZE, sample.length * 2));
            }
            sample[(int) count - 1] = value;
        } else {
            long slot = random.nextLong(count); // each of the count values so far is in the sample with equal chance
            if (slot < SAMPLE_SIZE) {
                sample[(int) slot] = value;
            }
        }
    }

    long count() {
        return count;
    }

    double sum() {
        return sum;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** Whether its percentiles come from a sample of its values rather than from all of them. */
    boolean sampled() {
        return sample != null && count > SAMPLE_SIZE;
    }

    /**
     * The value at this percentile (0 to 100), by the nearest rank: the smallest value that at least that share of the
     * values do not exceed. None without a sample.
     */
    Optional<Double> percentile(double percentile) {
        if (sample == null || count == 0) {
            return Optional.empty();
        }
        int size = (int) Math.min(count, SAMPLE_SIZE);
        if (!sorted) {
            Arrays.sort(sample, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(percentile / 100 * size);
        return Optional.of(sample[Math.max(0, Math.min(size, rank) - 1)]);
    }
}
