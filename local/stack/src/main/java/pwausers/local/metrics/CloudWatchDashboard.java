package pwausers.local.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pwausers.local.template.LocalValues;

/**
 * A CloudWatch dashboard of template.yaml ({@code AWS::CloudWatch::Dashboard}), read from its DashboardBody as
 * CloudFormation would substitute it for this machine ({@link LocalValues}: the local stack's name, region, table and
 * function names), so that {@code up} shows what the deployed dashboard shows and the two cannot drift. The body is
 * read by the rules of <i>Dashboard Body Structure and Syntax</i> (CloudWatch API reference,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html): a
 * metric widget's {@code metrics} array holds one array per line, {@code [Namespace, MetricName, DimensionName,
 * DimensionValue, ..., {rendering options}]}, where {@code "."} repeats the value of the line above at that place and
 * a leading {@code "..."} repeats the line above but for the values that follow it (which replace its last ones); the
 * statistic is the line's {@code stat}, else the widget's, else {@code Average}. An expression line is read when it is
 * a {@code SEARCH} of one namespace's schema with exact terms ({@link Search}); any other expression, and widgets
 * other than metric and alarm widgets, are kept as {@link Unread}, named, so that the view says what it leaves out.
 */
record CloudWatchDashboard(String name, List<Widget> widgets) {
    static final String TYPE = "AWS::CloudWatch::Dashboard";
    static final String ALARM_TYPE = "AWS::CloudWatch::Alarm";
    /** CloudWatch's statistic for a metric line that names none, nor its widget. */
    static final String DEFAULT_STAT = "Average";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEARCH = Pattern.compile(
            "\\s*SEARCH\\(\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*,\\s*'([^']+)'\\s*(?:,\\s*\\d+\\s*)?\\)\\s*");
    private static final Pattern SCHEMA = Pattern.compile("^\\s*\\{([^}]*)}");
    private static final Pattern EXACT_TERM = Pattern.compile("([A-Za-z0-9_./:-]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A widget: its title, and its lines (a metric widget) or its alarms' logical ids (an alarm widget). */
    record Widget(String title, String type, List<Line> lines, List<String> alarms) {
    }

    /** One line of a metric widget. */
    sealed interface Line permits Metric, Search, Unread {
    }

    /** One metric, with the statistic shown and the line's label (null: none given). */
    record Metric(MetricId metric, String stat, String label) implements Line {
    }

    /**
     * {@code SEARCH('{Namespace,Dim1,Dim2} MetricName="..." Dim1="..."', 'Stat', Period)}: every metric of the
     * namespace whose dimension names are exactly the schema's, whose name and dimensions match the exact terms.
     */
    record Search(String namespace, Set<String> dimensionNames, Map<String, String> terms, String stat,
                  String expression) implements Line {
        static final String METRIC_NAME = "MetricName";

        Search {
            dimensionNames = Set.copyOf(dimensionNames);
            terms = Map.copyOf(terms);
        }

        boolean matches(MetricId metric) {
            if (!metric.namespace().equals(namespace) || !metric.dimensions().keySet().equals(dimensionNames)) {
                return false;
            }
            for (Map.Entry<String, String> term : terms.entrySet()) {
                String actual = term.getKey().equals(METRIC_NAME) ? metric.name()
                        : metric.dimensions().get(term.getKey());
                if (!term.getValue().equals(actual)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A line or widget {@code up} does not evaluate, and why. */
    record Unread(String what) implements Line {
    }

    /** Every dashboard of the template, in its order. */
    static List<CloudWatchDashboard> read(LocalValues values) {
        List<CloudWatchDashboard> dashboards = new ArrayList<>();
        for (String id : values.template().logicalIdsOfType(TYPE)) {
            Map<String, Object> properties = values.template().properties(id);
            String name = values.text(properties.get("DashboardName"));
            dashboards.add(parse(name == null || name.isEmpty() ? id : name,
                    values.text(withAlarmArns(values, properties.get("DashboardBody")))));
        }
        return dashboards;
    }

    /**
     * The body's {@code ${Alarm.Arn}} resolved to a local ARN that names the alarm's logical id (CloudFormation's
     * would name the alarm it created), so that an alarm widget still says which alarms it shows.
     */
    private static Object withAlarmArns(LocalValues values, Object body) {
        if (!(body instanceof Map<?, ?> sub) || !(sub.get("Fn::Sub") instanceof String text)) {
            return body;
        }
        Map<String, String> arns = new LinkedHashMap<>();
        for (String alarm : values.template().logicalIdsOfType(ALARM_TYPE)) {
            arns.put(alarm + ".Arn", alarmArn(alarm));
        }
        return Map.of("Fn::Sub", List.of(text, arns));
    }

    static String alarmArn(String alarm) {
        return "arn:aws:cloudwatch:" + LocalValues.REGION + ":" + LocalValues.ACCOUNT_ID + ":alarm:" + alarm;
    }

    /** A dashboard from its body (JSON). */
    static CloudWatchDashboard parse(String name, String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the dashboard " + name + "'s body is not JSON: " + e.getOriginalMessage(), e);
        }
        List<Widget> widgets = new ArrayList<>();
        for (JsonNode widget : root.path("widgets")) {
            String type = widget.path("type").asText();
            JsonNode properties = widget.path("properties");
            String title = properties.path("title").asText("");
            switch (type) {
                case "metric" -> widgets.add(new Widget(title, type, lines(name, title, properties), List.of()));
                case "alarm" -> {
                    List<String> alarms = new ArrayList<>();
                    properties.path("alarms").forEach(arn -> alarms.add(arn.asText().replaceFirst("^.*:alarm:", "")));
                    widgets.add(new Widget(title, type, List.of(), alarms));
                }
                default -> widgets.add(new Widget(title, type,
                        List.of(new Unread("a " + type + " widget: not shown locally")), List.of()));
            }
        }
        return new CloudWatchDashboard(name, List.copyOf(widgets));
    }

    private static List<Line> lines(String dashboard, String title, JsonNode properties) {
        String widgetStat = properties.path("stat").asText(DEFAULT_STAT);
        List<Line> lines = new ArrayList<>();
        List<String> previous = List.of();
        for (JsonNode entry : properties.path("metrics")) {
            List<String> given = new ArrayList<>();
            JsonNode options = JSON.createObjectNode();
            for (JsonNode element : entry) {
                if (element.isObject()) {
                    options = element;
                } else {
                    given.add(element.asText());
                }
            }
            if (options.has("expression")) {
                lines.add(expression(options.path("expression").asText(), label(options)));
                continue;
            }
            List<String> values = expand(given, previous, dashboard, title);
            if (values.size() < 2 || values.size() % 2 != 0) {
                throw new IllegalStateException("the dashboard " + dashboard + ", widget \"" + title + "\": a metric"
                        + " line is [Namespace, MetricName, DimensionName, DimensionValue, ...], not " + values);
            }
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int i = 2; i < values.size(); i += 2) {
                dimensions.put(values.get(i), values.get(i + 1));
            }
            lines.add(new Metric(new MetricId(values.get(0), values.get(1), dimensions),
                    options.path("stat").asText(widgetStat), label(options)));
            previous = values;
        }
        return List.copyOf(lines);
    }

    /** The line's values with its {@code "."} and {@code "..."} taken from the line above. */
    private static List<String> expand(List<String> given, List<String> previous, String dashboard, String title) {
        List<String> values = new ArrayList<>();
        if (!given.isEmpty() && given.get(0).equals("...")) {
            List<String> tail = given.subList(1, given.size());
            if (tail.size() > previous.size()) {
                throw new IllegalStateException("the dashboard " + dashboard + ", widget \"" + title + "\": \"...\""
                        + " with more values than the line above: " + given);
            }
            values.addAll(previous.subList(0, previous.size() - tail.size()));
            given = tail;
        }
        for (String value : given) {
            int at = values.size();
            if (value.equals(".")) {
                if (at >= previous.size()) {
                    throw new IllegalStateException("the dashboard " + dashboard + ", widget \"" + title + "\": \".\""
                            + " where the line above has no value: " + given);
                }
                values.add(previous.get(at));
            } else {
                values.add(value);
            }
        }
        return values;
    }

    /** The line's label, or null when it gives none (or an empty one: CloudWatch's own label then). */
    private static String label(JsonNode options) {
        String label = options.path("label").asText("");
        return label.isBlank() ? null : label;
    }

    /** A SEARCH expression of one schema and exact terms, else an {@link Unread} line naming it. */
    static Line expression(String expression, String label) {
        Matcher search = SEARCH.matcher(expression);
        if (!search.matches()) {
            return new Unread("the expression " + expression + " (only a SEARCH is evaluated locally)");
        }
        String query = search.group(1).replace("\\'", "'");
        Matcher schema = SCHEMA.matcher(query);
        if (!schema.find()) {
            return new Unread("the search " + expression + " (only a search with a {Namespace,...} schema is"
                    + " evaluated locally)");
        }
        List<String> names = new ArrayList<>();
        for (String part : schema.group(1).split(",")) {
            names.add(part.strip().replaceAll("^\"|\"$", ""));
        }
        Map<String, String> terms = new LinkedHashMap<>();
        String rest = query.substring(schema.end()).strip();
        Matcher term = EXACT_TERM.matcher(rest);
        int at = 0;
        while (term.find() && rest.substring(at, term.start()).isBlank()) {
            terms.put(term.group(1), term.group(2).replace("\\\"", "\""));
            at = term.end();
        }
        if (!rest.substring(at).isBlank()) {
            return new Unread("the search " + expression + " (only exact terms, Name=\"value\", are evaluated"
                    + " locally)");
        }
        return new Search(names.get(0), new LinkedHashSet<>(names.subList(1, names.size())), terms, search.group(2),
                expression);
    }
}
