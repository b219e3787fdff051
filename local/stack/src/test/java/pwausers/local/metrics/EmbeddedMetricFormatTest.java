package pwausers.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Log lines read as CloudWatch Logs reads the embedded metric format: canned lines, good, plain and broken. */
class EmbeddedMetricFormatTest {
    private static final long TIME = 1_765_000_000_000L;
    private static final String FUNCTION = "{\"FunctionName\":\"pwa-users-local-AddPwaUser\"}";

    /** A line as the function writes one for a 201 (its fields, then its metrics). */
    private static final String STORED = "{\"level\":\"INFO\",\"event\":\"request\",\"requestId\":\"r1\",\"method\":\"POST\","
            + "\"path\":\"/pwausers\",\"status\":201,\"latencyMs\":9.5,\"_aws\":{\"Timestamp\":" + TIME
            + ",\"CloudWatchMetrics\":[{\"Namespace\":\"PwaUsers\",\"Dimensions\":[[\"FunctionName\"]],\"Metrics\":["
            + "{\"Name\":\"SubmissionsStored\",\"Unit\":\"Count\"},{\"Name\":\"StoreLatency\",\"Unit\":\"Milliseconds\"}]}]},"
            + "\"FunctionName\":\"pwa-users-local-AddPwaUser\",\"SubmissionsStored\":1,\"StoreLatency\":4.25}";

    /** A refusal: its own directive, with the Status and Field dimensions. */
    private static final String REFUSED = "{\"level\":\"WARN\",\"status\":400,\"_aws\":{\"Timestamp\":" + TIME
            + ",\"CloudWatchMetrics\":[{\"Namespace\":\"PwaUsers\",\"Dimensions\":[[\"FunctionName\",\"Status\",\"Field\"]],"
            + "\"Metrics\":[{\"Name\":\"Refusals\",\"Unit\":\"Count\"}]}]},\"FunctionName\":\"pwa-users-local-AddPwaUser\","
            + "\"Status\":\"400\",\"Field\":\"fname\",\"Refusals\":1}";

    private static MetricId pwaUsers(String name, Map<String, String> dimensions) {
        return new MetricId("PwaUsers", name, dimensions);
    }

    @Test
    void aStoredSubmissionsLine_yieldsItsMetrics_withTheirUnitsDimensionsAndTime() {
        EmbeddedMetricFormat.Extraction extraction = EmbeddedMetricFormat.read(STORED);

        Map<String, String> function = Map.of("FunctionName", "pwa-users-local-AddPwaUser");
        assertThat(extraction.problem()).isNull();
        assertThat(extraction.data()).containsExactly(
                new Datum(pwaUsers("SubmissionsStored", function), "Count", 1, TIME),
                new Datum(pwaUsers("StoreLatency", function), "Milliseconds", 4.25, TIME));
    }

    @Test
    void aRefusalsLine_yieldsTheRefusal_byStatusAndField() {
        assertThat(EmbeddedMetricFormat.read(REFUSED).data()).containsExactly(new Datum(pwaUsers("Refusals",
                Map.of("FunctionName", "pwa-users-local-AddPwaUser", "Status", "400", "Field", "fname")), "Count", 1, TIME));
    }

    @Test
    void aPrefixBeforeTheJson_isAllowed_asLambdasTextFormatWritesOne() {
        assertThat(EmbeddedMetricFormat.read("2026-12-07T03:00:00.000Z r1 INFO " + STORED).data()).hasSize(2);
    }

    @Test
    void everyDimensionSet_andEveryValueOfAnArray_isADatum_andAMissingUnitIsNone() {
        String line = "{\"_aws\":{\"Timestamp\":" + TIME + ",\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":"
                + "[[\"A\"],[\"A\",\"B\"]],\"Metrics\":[{\"Name\":\"M\"}]}]},\"A\":\"a\",\"B\":\"b\",\"M\":[1,2.5]}";

        assertThat(EmbeddedMetricFormat.read(line).data()).containsExactly(
                new Datum(new MetricId("N", "M", Map.of("A", "a")), "None", 1, TIME),
                new Datum(new MetricId("N", "M", Map.of("A", "a")), "None", 2.5, TIME),
                new Datum(new MetricId("N", "M", Map.of("A", "a", "B", "b")), "None", 1, TIME),
                new Datum(new MetricId("N", "M", Map.of("A", "a", "B", "b")), "None", 2.5, TIME));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "START RequestId: 1f0c Version: $LATEST",
            "Picked up JAVA_TOOL_OPTIONS: -XX:+UseSerialGC",
            "{\"level\":\"INFO\",\"event\":\"keep-active\",\"requestId\":\"r2\",\"latencyMs\":0.1}",
            "{\"level\":\"INFO\",\"message\":\"the text \\\"_aws\\\" in a message\"}",
            "[1, 2, 3]",
    })
    void aLineWithoutEmf_yieldsNothing_andIsNoProblem(String line) {
        assertThat(EmbeddedMetricFormat.read(line)).isEqualTo(EmbeddedMetricFormat.Extraction.NOT_EMF);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // not one JSON object
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[",
            "{\"_aws\":{}} trailing",
            // _aws's members
            "{\"_aws\":[]}",
            "{\"_aws\":{\"CloudWatchMetrics\":[]}}",
            "{\"_aws\":{\"Timestamp\":\"now\",\"CloudWatchMetrics\":[]}}",
            "{\"_aws\":{\"Timestamp\":1.5,\"CloudWatchMetrics\":[]}}",
            "{\"_aws\":{\"Timestamp\":1}}",
            // a directive's members
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Dimensions\":[[]],\"Metrics\":[]}]}}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[],\"Metrics\":[]}]}}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]]}]}}",
            // a dimension that is not a string member of the root
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[\"A\"]],"
                    + "\"Metrics\":[{\"Name\":\"M\"}]}]},\"M\":1}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[\"A\"]],"
                    + "\"Metrics\":[{\"Name\":\"M\"}]}]},\"A\":7,\"M\":1}",
            // a metric without a value, with a value that is no number, with a unit CloudWatch has not
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],"
                    + "\"Metrics\":[{\"Name\":\"M\"}]}]}}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],"
                    + "\"Metrics\":[{\"Name\":\"M\"}]}]},\"M\":\"1\"}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],"
                    + "\"Metrics\":[{\"Name\":\"M\",\"Unit\":\"Requests\"}]}]},\"M\":1}",
            "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[]],"
                    + "\"Metrics\":[{\"Name\":\"M\",\"StorageResolution\":5}]}]},\"M\":1}",
    })
    void aLineThatBreaksTheSpecification_yieldsNothing_andSaysWhichRule(String line) {
        EmbeddedMetricFormat.Extraction extraction = EmbeddedMetricFormat.read(line);

        assertThat(extraction.data()).isEmpty();
        assertThat(extraction.problem()).as(line).isNotBlank();
    }

    @Test
    void oneBrokenDefinition_losesTheWholeLine_asCloudWatchStoresItAsAPlainLogEvent() {
        String line = STORED.replace("\"StoreLatency\":4.25", "\"StoreLatency\":\"slow\"");

        EmbeddedMetricFormat.Extraction extraction = EmbeddedMetricFormat.read(line);

        assertThat(extraction.data()).isEmpty();
        assertThat(extraction.problem()).contains("StoreLatency");
    }
}
