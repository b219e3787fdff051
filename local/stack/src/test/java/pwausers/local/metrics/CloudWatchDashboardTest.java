package pwausers.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.Metrics;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import pwausers.local.template.LocalValues;

/**
 * template.yaml's dashboard as {@code up} reads it, and the dashboard body's syntax: the template's lines are all ones
 * {@code up} can show, and the function's own metrics there are exactly the contract's.
 */
class CloudWatchDashboardTest {
    private static final LocalValues VALUES = new LocalValues(SamTemplate.read(ProjectFiles.template()), Map.of());

    private static List<CloudWatchDashboard.Line> lines(CloudWatchDashboard dashboard) {
        return dashboard.widgets().stream().flatMap(w -> w.lines().stream()).toList();
    }

    @Test
    void theTemplatesDashboard_showsEveryMetricOfTheFunctionsContract_byName_unit_andDimensions() {
        List<CloudWatchDashboard> dashboards = CloudWatchDashboard.read(VALUES);

        assertThat(dashboards).hasSize(1);
        Set<String> named = new TreeSet<>();
        for (CloudWatchDashboard.Line line : lines(dashboards.get(0))) {
            if (line instanceof CloudWatchDashboard.Metric metric && metric.metric().namespace().equals(Metrics.NAMESPACE)) {
                assertThat(metric.metric().dimensions()).as(metric.toString())
                        .isEqualTo(Map.of(Metrics.FUNCTION_NAME, "AddPwaUser"));
                named.add(metric.metric().name());
            } else if (line instanceof CloudWatchDashboard.Search search) {
                assertThat(search.namespace()).isEqualTo(Metrics.NAMESPACE);
                assertThat(search.dimensionNames()).containsExactlyInAnyOrder(Metrics.FUNCTION_NAME, Metrics.STATUS,
                        Metrics.FIELD);
                named.add(search.terms().get(CloudWatchDashboard.Search.METRIC_NAME));
            }
        }
        assertThat(named).containsExactlyInAnyOrder(Metrics.SUBMISSIONS_STORED, Metrics.REFUSALS,
                Metrics.IDEMPOTENT_REPLAYS, Metrics.IDEMPOTENCY_CONFLICTS, Metrics.STORE_LATENCY, Metrics.STORE_FAILURES);
    }

    @Test
    void everyLineOfTheTemplatesDashboard_hasAValueLocally_butTheTables() {
        List<String> unshown = new ArrayList<>();
        for (CloudWatchDashboard.Line line : lines(CloudWatchDashboard.read(VALUES).get(0))) {
            assertThat(line).as("a line up does not evaluate").isNotInstanceOf(CloudWatchDashboard.Unread.class);
            if (line instanceof CloudWatchDashboard.Metric metric) {
                assertThat(Statistic.parse(metric.stat())).as(metric.toString()).isPresent();
                if (LocalMetrics.unmeasured(metric.metric()) != null) {
                    unshown.add(metric.metric().namespace());
                }
            }
        }
        assertThat(unshown).as("only DynamoDB's metrics, which the local engine does not publish").isNotEmpty()
                .containsOnly("AWS/DynamoDB");
    }

    @Test
    void theApisAndTheFunctionsDimensions_areTheOnesUpPublishes() {
        Set<Map<String, String>> dimensions = new java.util.HashSet<>();
        for (CloudWatchDashboard.Line line : lines(CloudWatchDashboard.read(VALUES).get(0))) {
            if (line instanceof CloudWatchDashboard.Metric metric && metric.metric().namespace().startsWith("AWS/")
                    && !metric.metric().namespace().equals("AWS/DynamoDB")) {
                dimensions.add(metric.metric().dimensions());
            }
        }
        assertThat(dimensions).containsExactlyInAnyOrder(
                Map.of(LocalMetrics.API_NAME, LocalValues.STACK_NAME, LocalMetrics.STAGE,
                        VALUES.template().parameterDefaults().get("StageName")),
                Map.of(LocalMetrics.FUNCTION_NAME, "AddPwaUser"));
    }

    @Test
    void aDot_repeatsTheValueAbove_anEllipsis_theLineAboveButItsLastValues_andStatsComeFromTheLineOrTheWidget() {
        CloudWatchDashboard dashboard = CloudWatchDashboard.parse("d", """
                {"widgets": [{"type": "metric", "properties": {"title": "t", "stat": "Sum", "metrics": [
                  ["N", "A", "D", "x", "E", "y"],
                  [".", "B", ".", ".", ".", "z", {"label": "b of z"}],
                  ["...", "w", {"stat": "p99"}],
                  [{"expression": "m1 * 2", "label": "double"}]]}},
                 {"type": "metric", "properties": {"title": "u", "metrics": [["N", "C"]]}},
                 {"type": "text", "properties": {"markdown": "hello"}}]}""");

        assertThat(dashboard.widgets().get(0).lines()).containsExactly(
                new CloudWatchDashboard.Metric(new MetricId("N", "A", Map.of("D", "x", "E", "y")), "Sum", null),
                new CloudWatchDashboard.Metric(new MetricId("N", "B", Map.of("D", "x", "E", "z")), "Sum", "b of z"),
                new CloudWatchDashboard.Metric(new MetricId("N", "B", Map.of("D", "x", "E", "w")), "p99", null),
                new CloudWatchDashboard.Unread("the expression m1 * 2 (only a SEARCH is evaluated locally)"));
        assertThat(dashboard.widgets().get(1).lines()).as("no stat anywhere: CloudWatch's Average").containsExactly(
                new CloudWatchDashboard.Metric(new MetricId("N", "C", Map.of()), "Average", null));
        assertThat(dashboard.widgets().get(2).lines()).singleElement()
                .isInstanceOf(CloudWatchDashboard.Unread.class);
    }

    @Test
    void aLineThatIsNoMetric_isRefused_namingTheWidget() {
        assertThatThrownBy(() -> CloudWatchDashboard.parse("d",
                "{\"widgets\": [{\"type\": \"metric\", \"properties\": {\"title\": \"t\", \"metrics\": [[\"N\", \"A\", \"D\"]]}}]}"))
                .hasMessageContaining("widget \"t\"");
        assertThatThrownBy(() -> CloudWatchDashboard.parse("d",
                "{\"widgets\": [{\"type\": \"metric\", \"properties\": {\"title\": \"t\", \"metrics\": [[\"...\", \"x\"]]}}]}"))
                .hasMessageContaining("\"...\"");
    }

    @Test
    void aSearch_ofOneSchemaWithExactTerms_matchesTheMetricsWithExactlyThoseDimensions() {
        CloudWatchDashboard.Line line = CloudWatchDashboard.expression(
                "SEARCH('{PwaUsers,FunctionName,Field,Status} MetricName=\"Refusals\" FunctionName=\"F\"', 'Sum', 60)",
                null);

        assertThat(line).isInstanceOf(CloudWatchDashboard.Search.class);
        CloudWatchDashboard.Search search = (CloudWatchDashboard.Search) line;
        assertThat(search.stat()).isEqualTo("Sum");
        assertThat(search.matches(new MetricId("PwaUsers", "Refusals",
                Map.of("FunctionName", "F", "Status", "400", "Field", "fname")))).isTrue();
        assertThat(search.matches(new MetricId("PwaUsers", "Refusals",
                Map.of("FunctionName", "G", "Status", "400", "Field", "fname")))).as("another function").isFalse();
        assertThat(search.matches(new MetricId("PwaUsers", "Refusals", Map.of("FunctionName", "F"))))
                .as("other dimensions than the schema's").isFalse();
        assertThat(search.matches(new MetricId("PwaUsers", "SubmissionsStored",
                Map.of("FunctionName", "F", "Status", "400", "Field", "fname")))).as("another metric").isFalse();
        assertThat(CloudWatchDashboard.expression("SEARCH('{PwaUsers,FunctionName} Refusals', 'Sum', 60)", null))
                .as("a free-text term").isInstanceOf(CloudWatchDashboard.Unread.class);
    }
}
