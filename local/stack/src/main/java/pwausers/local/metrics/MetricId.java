package pwausers.local.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * A metric as CloudWatch identifies one: its namespace, its name and its dimensions (name and value pairs, in no
 * order). Each distinct set of dimensions is a metric of its own.
 */
record MetricId(String namespace, String name, Map<String, String> dimensions) {
    MetricId {
        dimensions = Map.copyOf(dimensions);
    }

    /** The dimensions sorted by name, as they are shown. */
    Map<String, String> sortedDimensions() {
        return new TreeMap<>(dimensions);
    }

    @Override
    public String toString() {
        return namespace + " " + name + " " + sortedDimensions();
    }
}
