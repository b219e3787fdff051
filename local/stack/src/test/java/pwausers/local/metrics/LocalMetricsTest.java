package pwausers.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.lambda.FunctionRunner;
import pwausers.local.template.LocalApi;
import pwausers.local.template.LocalValues;

/**
 * What the services and the function's log lines publish, summarised as the template's dashboard shows it: in the
 * console after a busy minute (and nothing after a quiet one), over the run, and as JSON.
 */
class LocalMetricsTest {
    private static final LocalValues VALUES = new LocalValues(SamTemplate.read(ProjectFiles.template()), Map.of());
    private static final long START = 1_765_000_800_000L; // 2025-12-06T06:00:00Z
    private static final String FUNCTION = "AddPwaUser";

    private final AtomicLong now = new AtomicLong(START + 1_000);
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
    private final LocalMetrics metrics = new LocalMetrics(CloudWatchDashboard.read(VALUES), LocalValues.STACK_NAME,
            LocalApi.read(VALUES).stageName(), console, now::get, RandomGenerator.of("L64X128MixRandom"));
    private final MetricsConsole printer = new MetricsConsole(metrics, console, "http://localhost:1/metrics", now::get,
            ZoneOffset.UTC);

    private static String emf(String metric, String unit, double value, String dimensions) {
        return "{\"_aws\":{\"Timestamp\":" + (START + 2_000) + ",\"CloudWatchMetrics\":[{\"Namespace\":\"PwaUsers\","
                + "\"Dimensions\":[[" + dimensions + "]],\"Metrics\":[{\"Name\":\"" + metric + "\",\"Unit\":\"" + unit
                + "\"}]}]},\"FunctionName\":\"" + FUNCTION + "\",\"Status\":\"400\",\"Field\":\"fname\",\"" + metric
                + "\":" + value + "}";
    }

    private void request(int status, String... lines) {
        for (String line : lines) {
            metrics.logLine(FUNCTION, line);
        }
        metrics.invoked(FUNCTION, new FunctionRunner.Result("r", FunctionRunner.Kind.ANSWERED, new byte[0], null, null,
                "", 12), 1);
        metrics.answered("POST", "/pwausers", status, 20_000_000, 15_000_000);
    }

    /** A 201, a 400 for its fname, a replay: what the function's lines and the services count of them. */
    private void threeRequests() {
        request(201, emf("SubmissionsStored", "Count", 1, "\"FunctionName\""),
                emf("StoreLatency", "Milliseconds", 4, "\"FunctionName\""));
        request(400, emf("Refusals", "Count", 1, "\"FunctionName\",\"Status\",\"Field\""));
        request(201, emf("IdempotentReplays", "Count", 1, "\"FunctionName\""));
    }

    private String console() {
        return consoleBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aQuietMinute_printsNothing() {
        now.set(START + 65_000);

        printer.printMinute(START);
        printer.printRun();

        assertThat(console()).isEmpty();
    }

    @Test
    void aBusyMinute_printsTheDashboardsWidgetsThatHadData_oneLineEach() {
        threeRequests();
        now.set(START + 65_000);

        printer.printMinute(START);

        assertThat(console()).startsWith("06:01:05 metrics 06:00 to 06:01, as the dashboard shows that minute")
                .contains("http://localhost:1/metrics")
                .containsPattern("(?m)^  API: requests, 4xx, 5xx +Count 3 · 4XXError 1 · 5XXError 0$")
                .containsPattern("(?m)^  Function: invocations, errors, throttles +Invocations 3 · Errors 0 · Throttles 0$")
                .containsPattern("(?m)^  Submissions: stored, replayed, conflicts, store failures +SubmissionsStored 1"
                        + " · IdempotentReplays 1 · IdempotencyConflicts - · StoreFailures -$")
                .containsPattern("(?m)^  Refusals by status and field +Field=fname Status=400 1$")
                .doesNotContain("Tables:", "Alarms");
        consoleBytes.reset();
        printer.printMinute(START + 60_000);
        assertThat(console()).as("the next minute, quiet").isEmpty();
    }

    @Test
    void theRun_sumsEveryMinute_byRoute_andSaysWhatIsNotShownLocally() {
        threeRequests();
        now.set(START + 61_000);
        metrics.answered("GET", null, 403, 1_000_000, -1); // a path no route serves: the API's, not a route's

        printer.printRun();

        assertThat(console()).contains("pwa-users: metrics of this run, 06:00:01 to 06:01:01")
                .containsPattern("(?m)^  API: requests, 4xx, 5xx +Count 4 · 4XXError 2 · 5XXError 0$")
                .containsPattern("(?m)^  POST /pwausers  Count 3 · 4XXError 1 · 5XXError 0 · Latency p50 20 · Latency p99 20$")
                .containsPattern("(?m)^  not shown: .*Tables: consumed capacity units.*local DynamoDB engine.*$");
    }

    @Test
    void theJson_holdsEveryMetric_withItsUnit_dimensions_andStatistics() throws IOException {
        threeRequests();
        metrics.logLine(FUNCTION, "{\"_aws\":{\"Timestamp\":\"soon\"}}");

        JsonNode json = new ObjectMapper().readTree(metrics.json());

        JsonNode stored = metric(json, "PwaUsers", "SubmissionsStored", Map.of("FunctionName", FUNCTION));
        assertThat(stored.path("unit").asText()).isEqualTo("Count");
        assertThat(stored.path("run").path("Sum").asLong()).isEqualTo(1);
        assertThat(metric(json, "PwaUsers", "Refusals", Map.of("FunctionName", FUNCTION, "Status", "400",
                "Field", "fname")).path("run").path("Sum").asLong()).isEqualTo(1);
        JsonNode latency = metric(json, "PwaUsers", "StoreLatency", Map.of("FunctionName", FUNCTION));
        assertThat(latency.path("unit").asText()).isEqualTo("Milliseconds");
        assertThat(latency.path("run").path("p99").asDouble()).isEqualTo(4);
        assertThat(metric(json, "AWS/Lambda", "Invocations", Map.of("FunctionName", FUNCTION))
                .path("run").path("Sum").asLong()).isEqualTo(3);
        assertThat(json.path("embeddedMetricFormat").path("rejectedLines").asLong()).isEqualTo(1);
        assertThat(console()).as("a broken line is said once").containsOnlyOnce("embedded metric format: _aws.Timestamp");
    }

    private static JsonNode metric(JsonNode json, String namespace, String name, Map<String, String> dimensions) {
        for (JsonNode metric : json.path("metrics")) {
            if (metric.path("namespace").asText().equals(namespace) && metric.path("name").asText().equals(name)
                    && new ObjectMapper().convertValue(metric.path("dimensions"), Map.class).equals(dimensions)) {
                return metric;
            }
        }
        throw new AssertionError("no metric " + namespace + " " + name + " " + dimensions + " in " + json);
    }
}
