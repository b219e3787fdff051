package pwausers.local.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a function's log line as CloudWatch Logs reads a log event in the embedded metric format (EMF), by the rules
 * of AWS's specification (CloudWatch guide, <i>Specification: Embedded metric format</i>,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * a JSON object whose {@code _aws} member holds a {@code Timestamp} and {@code CloudWatchMetrics} directives, each
 * naming a namespace, dimension sets and metric definitions (name, unit) whose values, like the dimensions', are
 * members of the line itself. Nothing is known in advance: any metric a line defines is extracted, with its unit and
 * dimensions, one datum per value (a metric's value may be an array of them) and per dimension set. As on Lambda, a
 * prefix before the JSON (a time, a request id) is allowed. Members the specification does not name are ignored.
 */
final class EmbeddedMetricFormat {
    /** CloudWatch's units (MetricDatum's Unit), as the specification's schema lists them. */
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");
    private static final String METADATA = "_aws";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EmbeddedMetricFormat() {
    }

    /**
     * What CloudWatch makes of a log line: no metric when it is not an EMF document (no {@code _aws} member), the
     * metrics it defines, or, when it breaks a rule of the specification, none and the rule it breaks (CloudWatch
     * then stores the line as a plain log event and extracts nothing from it).
     */
    record Extraction(List<Datum> data, String problem) {
        static final Extraction NOT_EMF = new Extraction(List.of(), null);

        static Extraction invalid(String problem) {
            return new Extraction(List.of(), problem);
        }
    }

    /** A rule of the specification that the document breaks. */
    private static final class Broken extends Exception {
        Broken(String rule) {
            super(rule, null, false, false);
        }
    }

    static Extraction read(String line) {
        int start = line.indexOf('{');
        if (start < 0 || !line.contains("\"" + METADATA + "\"")) {
            return Extraction.NOT_EMF; // no line without that text defines a metric: most lines stop here, unparsed
        }
        JsonNode root;
        try {
            root = JSON.readTree(line.substring(start));
        } catch (JsonProcessingException e) {
            return Extraction.invalid("the log event is not one JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.has(METADATA)) {
            return Extraction.NOT_EMF;
        }
        try {
            return new Extraction(data(root), null);
        } catch (Broken broken) {
            return Extraction.invalid(broken.getMessage());
        }
    }

    private static List<Datum> data(JsonNode root) throws Broken {
        JsonNode metadata = root.get(METADATA);
        check(metadata.isObject(), "_aws is an object");
        JsonNode timestamp = metadata.get("Timestamp");
        check(timestamp != null && timestamp.canConvertToExactIntegral() && timestamp.canConvertToLong(),
                "_aws.Timestamp is a number of milliseconds since the epoch");
        JsonNode directives = metadata.get("CloudWatchMetrics");
        check(directives != null && directives.isArray(), "_aws.CloudWatchMetrics is an array of MetricDirectives");
        List<Datum> data = new ArrayList<>();
        for (JsonNode directive : directives) {
            check(directive.isObject(), "a MetricDirective is an object");
            String namespace = text(directive.get("Namespace"), 1, 1024, "a directive's Namespace");
            JsonNode dimensionSets = directive.get("Dimensions");
            check(dimensionSets != null && dimensionSets.isArray() && !dimensionSets.isEmpty(),
                    "a directive's Dimensions is an array of at least one DimensionSet");
            JsonNode definitions = directive.get("Metrics");
            check(definitions != null && definitions.isArray() && definitions.size() <= 100,
                    "a directive's Metrics is an array of at most 100 MetricDefinitions");
            for (JsonNode set : dimensionSets) {
                Map<String, String> dimensions = dimensions(root, set);
                for (JsonNode definition : definitions) {
                    datums(root, timestamp.asLong(), namespace, dimensions, definition, data);
                }
            }
        }
        return data;
    }

    private static Map<String, String> dimensions(JsonNode root, JsonNode set) throws Broken {
        check(set.isArray() && set.size() <= 30, "a DimensionSet is an array of at most 30 dimension keys");
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (JsonNode key : set) {
            String name = text(key, 1, 250, "a dimension key");
            JsonNode target = root.get(name);
            check(target != null && target.isTextual(), "the dimension " + name + " is a string member of the root");
            dimensions.put(name, text(target, 1, 1024, "the value of dimension " + name));
        }
        return dimensions;
    }

    private static void datums(JsonNode root, long timestamp, String namespace, Map<String, String> dimensions,
                               JsonNode definition, List<Datum> data) throws Broken {
        check(definition.isObject(), "a MetricDefinition is an object");
        String name = text(definition.get("Name"), 1, 1024, "a MetricDefinition's Name");
        String unit = "None"; // the specification's default
        if (definition.has("Unit")) {
            unit = text(definition.get("Unit"), 1, 64, "the Unit of " + name);
            check(UNITS.contains(unit), "the Unit of " + name + " is a CloudWatch unit, not " + unit);
        }
        if (definition.has("StorageResolution")) {
            JsonNode resolution = definition.get("StorageResolution");
            check(resolution.isIntegralNumber() && (resolution.asInt() == 1 || resolution.asInt() == 60),
                    "the StorageResolution of " + name + " is 1 or 60");
        }
        JsonNode target = root.get(name);
        check(target != null, "the metric " + name + " is a member of the root");
        List<JsonNode> values = new ArrayList<>();
        if (target.isArray()) {
            check(target.size() <= 100, "the metric " + name + "'s array holds at most 100 values");
            target.forEach(values::add);
        } else {
            values.add(target);
        }
        MetricId metric = new MetricId(namespace, name, dimensions);
        for (JsonNode value : values) {
            check(value.isNumber(), "the value of metric " + name + " is a number or an array of numbers");
            data.add(new Datum(metric, unit, value.asDouble(), timestamp));
        }
    }

    private static String text(JsonNode node, int min, int max, String what) throws Broken {
        check(node != null && node.isTextual(), what + " is a string");
        String text = node.asText();
        check(text.length() >= min && text.length() <= max, what + " has " + min + " to " + max + " characters");
        return text;
    }

    private static void check(boolean rule, String what) throws Broken {
        if (!rule) {
            throw new Broken(what);
        }
    }
}
