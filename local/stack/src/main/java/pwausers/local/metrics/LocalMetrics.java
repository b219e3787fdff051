package pwausers.local.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import pwausers.local.gateway.RestApiGateway;
import pwausers.local.lambda.FunctionRunner;
import pwausers.local.template.LocalApi;
import pwausers.local.template.LocalValues;

/**
 * The metrics CloudWatch would hold while {@code up} runs, from the same sources: what API Gateway counts of each
 * request it answers (its {@code AWS/ApiGateway} metrics), what Lambda counts of each invocation ({@code AWS/Lambda}),
 * and whatever the functions' log lines carry in the embedded metric format, read by its rules
 * ({@link EmbeddedMetricFormat}: any metric, any unit, any dimensions). Shown as template.yaml's dashboards show them
 * ({@link CloudWatchDashboard}, {@link DashboardView}): as text for the console, and as JSON.
 *
 * <p>The services' metrics are published as AWS documents them: API Gateway's per request, with the dimensions ApiName
 * and Stage, and, per route, ApiName, Method, Resource and Stage, which the deployed stage publishes only with its
 * detailed metrics on (API Gateway's guide, <i>Amazon API Gateway dimensions and metrics</i>): {@code Count} 1,
 * {@code 4XXError} and {@code 5XXError} 1 or 0 (their Sum counts them, their Average is the rate), {@code Latency},
 * and {@code IntegrationLatency} when the function was called, in milliseconds. Lambda's per invocation request, with
 * the dimension FunctionName (Lambda's guide, <i>Types of metrics for Lambda functions</i>): {@code Invocations} 1
 * and {@code Errors} 1 or 0 for each run of the function (a request refused by its reserved concurrency is not one:
 * {@code Throttles} 1 instead), {@code Duration} in milliseconds, and {@code ConcurrentExecutions}, the environments
 * busy as it began (its Maximum is the peak). A request the local stack itself could not run (its own cap's wait ran
 * out, or it stopped) is none of these: Lambda would have run it.
 */
public final class LocalMetrics implements RestApiGateway.Observer, FunctionRunner.Observer {
    static final String API_GATEWAY = "AWS/ApiGateway";
    static final String COUNT = "Count";
    static final String CLIENT_ERRORS = "4XXError";
    static final String SERVER_ERRORS = "5XXError";
    static final String LATENCY = "Latency";
    static final String INTEGRATION_LATENCY = "IntegrationLatency";
    static final String API_NAME = "ApiName";
    static final String STAGE = "Stage";
    static final String METHOD = "Method";
    static final String RESOURCE = "Resource";

    static final String LAMBDA = "AWS/Lambda";
    static final String INVOCATIONS = "Invocations";
    static final String ERRORS = "Errors";
    static final String THROTTLES = "Throttles";
    static final String DURATION = "Duration";
    static final String CONCURRENT_EXECUTIONS = "ConcurrentExecutions";
    static final String FUNCTION_NAME = "FunctionName";

    static final String MILLISECONDS = "Milliseconds";
    /** The services' metrics {@code up} produces; another metric of an AWS namespace has no value locally. */
    private static final Map<String, Set<String>> MEASURED = Map.of(
            API_GATEWAY, Set.of(COUNT, CLIENT_ERRORS, SERVER_ERRORS, LATENCY, INTEGRATION_LATENCY),
            LAMBDA, Set.of(INVOCATIONS, ERRORS, THROTTLES, DURATION, CONCURRENT_EXECUTIONS));
    /** The statistics the JSON gives of every metric; percentiles only where values are kept (not Count). */
    private static final List<Statistic> STATISTICS = List.of(Statistic.SAMPLE_COUNT, Statistic.SUM,
            Statistic.AVERAGE, Statistic.MINIMUM, Statistic.MAXIMUM);
    private static final List<Statistic> PERCENTILES = List.of(Statistic.parse("p50").orElseThrow(),
            Statistic.parse("p90").orElseThrow(), Statistic.parse("p99").orElseThrow());
    /** How many distinct EMF problems the console is told of (each once). */
    private static final int PROBLEMS_SAID = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final MetricStore store;
    private final List<CloudWatchDashboard> dashboards;
    private final String apiName;
    private final String stage;
    private final PrintStream console;
    private final LongSupplier clock;
    private final long since;
    private final AtomicLong rejectedLines = new AtomicLong();
    private final Set<String> problems = ConcurrentHashMap.newKeySet();

    LocalMetrics(List<CloudWatchDashboard> dashboards, String apiName, String stage, PrintStream console,
                 LongSupplier clock, RandomGenerator random) {
        this.store = new MetricStore(clock, random);
        this.dashboards = List.copyOf(dashboards);
        this.apiName = apiName;
        this.stage = stage;
        this.console = console;
        this.clock = clock;
        this.since = clock.getAsLong();
    }

    /**
     * The metrics of the stack template.yaml describes: its dashboards, its API's name (the ApiName dimension: the
     * API's Name, else the stack's, as SAM names it) and stage.
     *
     * @param console where a log line that breaks the embedded metric format's rules is reported (once a problem)
     */
    public static LocalMetrics of(LocalValues values, LocalApi api, PrintStream console) {
        String name = values.template().logicalIdsOfType("AWS::Serverless::Api").stream()
                .map(id -> values.text(values.template().properties(id).get("Name")))
                .filter(n -> n != null && !n.isEmpty()).findFirst().orElse(LocalValues.STACK_NAME);
        return new LocalMetrics(CloudWatchDashboard.read(values), name, api.stageName(), console,
                System::currentTimeMillis, RandomGenerator.getDefault());
    }

    // ---- what the services count ----

    @Override
    public void answered(String method, String resource, int status, long latencyNanos, long integrationLatencyNanos) {
        long now = clock.getAsLong();
        List<Map<String, String>> dimensionSets = resource == null ? List.of(Map.of(API_NAME, apiName, STAGE, stage))
                : List.of(Map.of(API_NAME, apiName, STAGE, stage),
                        Map.of(API_NAME, apiName, STAGE, stage, METHOD, method, RESOURCE, resource));
        for (Map<String, String> dimensions : dimensionSets) {
            put(API_GATEWAY, COUNT, dimensions, COUNT, 1, now);
            put(API_GATEWAY, CLIENT_ERRORS, dimensions, COUNT, status >= 400 && status < 500 ? 1 : 0, now);
            put(API_GATEWAY, SERVER_ERRORS, dimensions, COUNT, status >= 500 ? 1 : 0, now);
            put(API_GATEWAY, LATENCY, dimensions, MILLISECONDS, latencyNanos / 1e6, now);
            if (integrationLatencyNanos >= 0) {
                put(API_GATEWAY, INTEGRATION_LATENCY, dimensions, MILLISECONDS, integrationLatencyNanos / 1e6, now);
            }
        }
    }

    @Override
    public void invoked(String functionName, FunctionRunner.Result result, int concurrentExecutions) {
        long now = clock.getAsLong();
        Map<String, String> dimensions = Map.of(FUNCTION_NAME, functionName);
        switch (result.kind()) {
            case THROTTLED -> put(LAMBDA, THROTTLES, dimensions, COUNT, 1, now);
            case ANSWERED, FAILED, TIMED_OUT -> {
                put(LAMBDA, INVOCATIONS, dimensions, COUNT, 1, now);
                put(LAMBDA, ERRORS, dimensions, COUNT, result.kind() == FunctionRunner.Kind.ANSWERED ? 0 : 1, now);
                put(LAMBDA, THROTTLES, dimensions, COUNT, 0, now);
                if (result.durationMillis() >= 0) {
                    put(LAMBDA, DURATION, dimensions, MILLISECONDS, result.durationMillis(), now);
                }
                if (concurrentExecutions > 0) {
                    put(LAMBDA, CONCURRENT_EXECUTIONS, dimensions, COUNT, concurrentExecutions, now);
                }
            }
            default -> {
                // NOT_RUN, STOPPED: the local stack's own limits, which Lambda would not have met
            }
        }
    }

    @Override
    public void logLine(String functionName, String line) {
        EmbeddedMetricFormat.Extraction extraction = EmbeddedMetricFormat.read(line);
        if (extraction.problem() != null) {
            rejectedLines.incrementAndGet();
            if (problems.size() < PROBLEMS_SAID && problems.add(extraction.problem())) {
                console.println("pwa-users: " + functionName + " logged a line with metrics that CloudWatch would not"
                        + " extract (embedded metric format: " + extraction.problem() + ")");
            }
            return;
        }
        store.putAll(extraction.data());
    }

    private void put(String namespace, String name, Map<String, String> dimensions, String unit, double value,
                     long time) {
        store.put(new Datum(new MetricId(namespace, name, dimensions), unit, value, time));
    }

    /** Why a metric has no value locally: a service's metric {@code up} does not produce; else null. */
    static String unmeasured(MetricId metric) {
        if (!metric.namespace().startsWith("AWS/") || MEASURED.getOrDefault(metric.namespace(), Set.of())
                .contains(metric.name())) {
            return null;
        }
        return metric.namespace().equals("AWS/DynamoDB") ? "not measured locally: the local DynamoDB engine publishes"
                + " no metric" : "not measured locally: " + metric.namespace() + " " + metric.name();
    }

    // ---- what they show ----

    /** The start of the minute before the one now (the last whole minute). */
    long lastMinute() {
        return MetricStore.minuteOf(clock.getAsLong()) - MetricStore.MINUTE_MILLIS;
    }

    /** Whether any metric had a value in the minute that starts then. */
    public boolean anyIn(long minute) {
        return store.anyIn(minute);
    }

    /** Whether anything was counted at all. */
    public boolean anyCounted() {
        return !store.metrics().isEmpty();
    }

    /** When it began counting (epoch ms): up's start. */
    public long since() {
        return since;
    }

    /** The dashboards' widgets with data in that minute, a line each (none: nothing happened then). */
    public List<String> minuteText(long minute, String indent) {
        return DashboardView.text(DashboardView.evaluate(dashboards, store, minute, LocalMetrics::unmeasured), indent);
    }

    /**
     * The whole run, as the dashboards would show it: a line per widget with data, a line per API route (its
     * requests, errors and latency), and a line naming what is not measured locally.
     */
    public List<String> runText(String indent) {
        List<DashboardView.WidgetValues> widgets = DashboardView.evaluate(dashboards, store, null,
                LocalMetrics::unmeasured);
        List<String> lines = new ArrayList<>(DashboardView.text(widgets, indent));
        for (MetricId route : routes()) {
            Map<String, String> d = route.dimensions();
            lines.add(indent + d.get(METHOD) + " " + d.get(RESOURCE) + "  " + routeText(d));
        }
        DashboardView.unshownText(widgets).ifPresent(unshown -> lines.add(indent + "not shown: " + unshown));
        return lines;
    }

    /** The API's routes that had requests, as the Count metric of each (ApiName, Method, Resource, Stage). */
    private List<MetricId> routes() {
        return store.metrics().stream().filter(m -> m.namespace().equals(API_GATEWAY) && m.name().equals(COUNT)
                && m.dimensions().containsKey(RESOURCE)).toList();
    }

    private String routeText(Map<String, String> route) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of(COUNT, CLIENT_ERRORS, SERVER_ERRORS)) {
            store.statistic(new MetricId(API_GATEWAY, name, route), Statistic.SUM, null)
                    .ifPresent(v -> parts.add(name + " " + DashboardView.number(v)));
        }
        MetricId latency = new MetricId(API_GATEWAY, LATENCY, route);
        for (Statistic percentile : List.of(PERCENTILES.get(0), PERCENTILES.get(2))) {
            store.statistic(latency, percentile, null)
                    .ifPresent(v -> parts.add(LATENCY + " " + percentile + " " + DashboardView.number(v)));
        }
        return String.join(" · ", parts);
    }

    /**
     * Everything as JSON: the dashboards' widgets over the run and over the last whole minute, every metric (its
     * unit, dimensions, statistics over the run and each minute kept), and the log lines whose metrics CloudWatch
     * would not extract.
     */
    public byte[] json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("about", "What template.yaml's dashboards would show, from what up's API Gateway and Lambda counted"
                + " and the functions' log lines carried in the embedded metric format. A minute is the widgets'"
                + " period; the run is since up started.");
        ArrayNode names = root.putArray("dashboards");
        dashboards.forEach(d -> names.add(d.name()));
        long now = clock.getAsLong();
        window(root.putObject("run"), since, now, null);
        long minute = lastMinute();
        window(root.putObject("lastMinute"), minute, minute + MetricStore.MINUTE_MILLIS, minute);
        ArrayNode metrics = root.putArray("metrics");
        for (MetricId metric : store.metrics()) {
            ObjectNode node = metrics.addObject();
            node.put("namespace", metric.namespace()).put("name", metric.name())
                    .put("unit", store.unit(metric).orElse("None"));
            ObjectNode dimensions = node.putObject("dimensions");
            metric.sortedDimensions().forEach(dimensions::put);
            statistics(node.putObject("run"), metric, null);
            if (store.sampled(metric)) {
                node.put("percentilesFromASampleOf", Aggregate.SAMPLE_SIZE);
            }
            ArrayNode minutes = node.putArray("minutes");
            for (long start : store.minutes(metric)) {
                statistics(minutes.addObject().put("from", Instant.ofEpochMilli(start).toString()), metric, start);
            }
        }
        ObjectNode emf = root.putObject("embeddedMetricFormat");
        emf.put("rejectedLines", rejectedLines.get());
        ArrayNode said = emf.putArray("problems");
        problems.stream().sorted().forEach(said::add);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void window(ObjectNode node, long from, long to, Long minute) {
        node.put("from", Instant.ofEpochMilli(from).toString()).put("to", Instant.ofEpochMilli(to).toString());
        ArrayNode widgets = node.putArray("widgets");
        for (DashboardView.WidgetValues widget : DashboardView.evaluate(dashboards, store, minute,
                LocalMetrics::unmeasured)) {
            ObjectNode w = widgets.addObject().put("title", widget.title()).put("type", widget.type());
            ArrayNode values = w.putArray("values");
            for (DashboardView.Shown shown : widget.values()) {
                ObjectNode v = values.addObject().put("label", shown.label()).put("stat", shown.stat());
                if (shown.value() != null) {
                    number(v, "value", shown.value());
                } else {
                    v.putNull("value");
                }
                if (shown.note() != null) {
                    v.put("note", shown.note());
                }
            }
        }
    }

    private void statistics(ObjectNode node, MetricId metric, Long minute) {
        List<Statistic> statistics = new ArrayList<>(STATISTICS);
        if (!MetricStore.COUNT.equals(store.unit(metric).orElse(null))) {
            statistics.addAll(PERCENTILES);
        }
        for (Statistic statistic : statistics) {
            Optional<Double> value = store.statistic(metric, statistic, minute);
            value.ifPresent(v -> number(node, statistic.name(), v));
        }
    }

    /** A whole number as an integer, others as they are. */
    private static void number(ObjectNode node, String name, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(name, (long) value);
        } else {
            node.put(name, value);
        }
    }
}
