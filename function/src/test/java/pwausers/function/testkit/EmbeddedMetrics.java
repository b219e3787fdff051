package pwausers.function.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pwausers.function.json.Json;
import pwausers.function.json.JsonException;

/**
 * Reads a log line as CloudWatch Logs reads one in the embedded metric format (EMF), by the rules of AWS's
 * specification (CloudWatch guide, <i>Specification: Embedded metric format</i>,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * an {@link AssertionError} names the first rule the line breaks, else it yields the metric data CloudWatch would
 * extract from it, one {@link Datum} per metric and dimension set.
 */
public final class EmbeddedMetrics {
    /** CloudWatch's units, as the specification's schema lists them (MetricDatum's Unit). */
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    private EmbeddedMetrics() {
    }

    /**
     * One value of a metric as CloudWatch would record it.
     *
     * @param unit       the definition's Unit, or "None" when it has none (the specification's default)
     * @param dimensions the dimension set's keys, in order, with their values on the line
     * @param values     the metric member's value: one number, or each of an array's
     */
    public record Datum(long timestamp, String namespace, String name, String unit, Map<String, String> dimensions,
                        List<Double> values) {
    }

    /** Whether the line is an EMF document at all: a JSON object with the {@code _aws} member. */
    public static boolean isEmbeddedMetricFormat(String line) {
        return object(line).containsKey("_aws");
    }

    /** The metric data in this line, in the order of its directives, dimension sets and definitions. */
    public static List<Datum> read(String line) {
        Map<?, ?> root = object(line);
        Map<?, ?> metadata = member(root, "_aws", Map.class, "the root's _aws");
        only(metadata, "the _aws metadata object", "CloudWatchMetrics", "Timestamp");
        long timestamp = integer(member(metadata, "Timestamp", Json.Number.class, "_aws.Timestamp"),
                "_aws.Timestamp");
        List<?> directives = member(metadata, "CloudWatchMetrics", List.class, "_aws.CloudWatchMetrics");
        List<Datum> data = new ArrayList<>();
        for (Object each : directives) {
            Map<?, ?> directive = cast(each, Map.class, "a MetricDirective");
            only(directive, "a MetricDirective", "Namespace", "Dimensions", "Metrics");
            String namespace = text(member(directive, "Namespace", String.class, "a directive's Namespace"), 1, 1024,
                    "a Namespace");
            List<?> dimensionSets = member(directive, "Dimensions", List.class, "a directive's Dimensions");
            check(!dimensionSets.isEmpty(), "a directive's Dimensions holds at least one DimensionSet");
            List<?> definitions = member(directive, "Metrics", List.class, "a directive's Metrics");
            check(definitions.size() <= 100, "a directive holds at most 100 MetricDefinitions");
            for (Object set : dimensionSets) {
                Map<String, String> dimensions = dimensions(root, cast(set, List.class, "a DimensionSet"));
                for (Object definition : definitions) {
                    data.add(datum(root, timestamp, namespace, dimensions, cast(definition, Map.class,
                            "a MetricDefinition")));
                }
            }
        }
        return data;
    }

    private static Map<String, String> dimensions(Map<?, ?> root, List<?> keys) {
        check(keys.size() <= 30, "a DimensionSet holds at most 30 dimension keys");
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (Object key : keys) {
            String name = text(cast(key, String.class, "a dimension key"), 1, 250, "a dimension key");
            String value = member(root, name, String.class, "the dimension target member " + name);
            dimensions.put(name, text(value, 1, 1024, "the value of dimension " + name));
        }
        return dimensions;
    }

    private static Datum datum(Map<?, ?> root, long timestamp, String namespace, Map<String, String> dimensions,
                               Map<?, ?> definition) {
        only(definition, "a MetricDefinition", "Name", "Unit", "StorageResolution");
        String name = text(member(definition, "Name", String.class, "a MetricDefinition's Name"), 1, 1024,
                "a metric's Name");
        String unit = "None";
        if (definition.containsKey("Unit")) {
            unit = member(definition, "Unit", String.class, "the Unit of " + name);
            check(UNITS.contains(unit), "the Unit of " + name + " is a CloudWatch unit, not " + unit);
        }
        if (definition.containsKey("StorageResolution")) {
            long resolution = integer(member(definition, "StorageResolution", Json.Number.class, "a StorageResolution"),
                    "the StorageResolution of " + name);
            check(resolution == 1 || resolution == 60, "the StorageResolution of " + name + " is 1 or 60");
        }
        check(root.containsKey(name), "the metric target member " + name + " is on the root node");
        Object target = root.get(name);
        List<Double> values = new ArrayList<>();
        if (target instanceof List<?> array) {
            check(array.size() <= 100, "the metric array " + name + " holds at most 100 values");
            array.forEach(value -> values.add(number(value, name)));
        } else {
            values.add(number(target, name));
        }
        return new Datum(timestamp, namespace, name, unit, Map.copyOf(dimensions), List.copyOf(values));
    }

    private static Map<?, ?> object(String line) {
        try {
            return cast(Json.parse(line), Map.class, "the log event's message (a JSON object, nothing around it)");
        } catch (JsonException e) {
            throw new AssertionError("the log event's message is one JSON object (" + e.problem() + "): " + line, e);
        }
    }

    private static double number(Object value, String name) {
        return Double.parseDouble(cast(value, Json.Number.class, "the value of metric " + name + " (a number)").text());
    }

    private static long integer(Json.Number number, String what) {
        try {
            return Long.parseLong(number.text());
        } catch (NumberFormatException e) {
            throw new AssertionError(what + " is an integer, not " + number.text(), e);
        }
    }

    private static String text(String value, int min, int max, String what) {
        check(value.length() >= min && value.length() <= max, what + " has " + min + " to " + max + " characters");
        return value;
    }

    private static void only(Map<?, ?> object, String what, String... members) {
        Set<String> allowed = Set.of(members);
        for (Object key : object.keySet()) {
            check(allowed.contains(key), what + " has no member but " + allowed + ", not " + key);
        }
    }

    private static <T> T member(Map<?, ?> object, String name, Class<T> type, String what) {
        check(object.containsKey(name), what + " is present");
        return cast(object.get(name), type, what);
    }

    private static <T> T cast(Object value, Class<T> type, String what) {
        check(type.isInstance(value), what + " is a " + type.getSimpleName() + ", not " + value);
        return type.cast(value);
    }

    private static void check(boolean rule, String what) {
        if (!rule) {
            throw new AssertionError("EMF: " + what);
        }
    }
}
