package pwausers.local.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What CloudWatch would hold of the metrics published while {@code up} runs: for each metric, its values over the
 * whole run and over each of the last {@value #MINUTES_KEPT} minutes (the dashboard's widgets show one-minute
 * periods), each minute by the datum's own time. Thread-safe: the gateway's threads, the functions' output and the
 * readers of the view share it.
 */
final class MetricStore {
    static final int MINUTES_KEPT = 60;
    static final long MINUTE_MILLIS = 60_000;
    /** The unit whose metrics keep no sample for percentiles (see {@link Aggregate}). */
    static final String COUNT = "Count";

    /** One metric: its unit (the first one published), and its values. */
    private static final class Series {
        final String unit;
        final Aggregate run;
        final TreeMap<Long, Aggregate> minutes = new TreeMap<>();

        Series(String unit, RandomGenerator random) {
            this.unit = unit;
            this.run = new Aggregate(!COUNT.equals(unit), random);
        }
    }

    private final Map<MetricId, Series> series = new LinkedHashMap<>();
    private final LongSupplier clock;
    private final RandomGenerator random;

    /** @param clock the time now, in epoch milliseconds: minutes older than {@value #MINUTES_KEPT} are let go */
    MetricStore(LongSupplier clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    static long minuteOf(long millis) {
        return Math.floorDiv(millis, MINUTE_MILLIS) * MINUTE_MILLIS;
    }

    synchronized void put(Datum datum) {
        Series metric = series.computeIfAbsent(datum.metric(), id -> new Series(datum.unit(), random));
        metric.run.add(datum.value());
        long oldestKept = minuteOf(clock.getAsLong()) - (MINUTES_KEPT - 1) * MINUTE_MILLIS;
        long minute = minuteOf(datum.timestampMillis());
        if (minute >= oldestKept) {
            metric.minutes.computeIfAbsent(minute, m -> new Aggregate(!COUNT.equals(metric.unit), random))
                    .add(datum.value());
        }
        metric.minutes.headMap(oldestKept).clear();
    }

    void putAll(List<Datum> data) {
        data.forEach(this::put);
    }

    /** The metrics published so far, in the order they first were. */
    synchronized List<MetricId> metrics() {
        return List.copyOf(series.keySet());
    }

    /** The metric's unit, or none if it was never published. */
    synchronized Optional<String> unit(MetricId metric) {
        return Optional.ofNullable(series.get(metric)).map(s -> s.unit);
    }

    /**
     * The statistic of the metric over the whole run (minute null), or over the minute that starts then; none when
     * it had no value there.
     */
    synchronized Optional<Double> statistic(MetricId metric, Statistic statistic, Long minute) {
        Series values = series.get(metric);
        if (values == null) {
            return Optional.empty();
        }
        return statistic.of(minute == null ? values.run : values.minutes.get(minute));
    }

    /** Whether any metric had a value in the minute that starts then. */
    synchronized boolean anyIn(long minute) {
        return series.values().stream().anyMatch(s -> s.minutes.containsKey(minute));
    }

    /** The minutes kept in which the metric had values, oldest first. */
    synchronized List<Long> minutes(MetricId metric) {
        Series values = series.get(metric);
        return values == null ? List.of() : new ArrayList<>(values.minutes.keySet());
    }

    /** Whether the metric's run percentiles come from a sample of its values. */
    synchronized boolean sampled(MetricId metric) {
        Series values = series.get(metric);
        return values != null && values.run.sampled();
    }
}
