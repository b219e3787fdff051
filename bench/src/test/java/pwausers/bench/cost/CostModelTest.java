package pwausers.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model's arithmetic, on round prices and usages where each figure can be worked out by hand. */
class CostModelTest {
    /** $1 per million of each request; a GB-second $0.00001; each unit $1 per million; $1 per GB of logs and out. */
    private static final AwsPrices ROUND = new AwsPrices("test-1", "2026-12-07", 1e-6, 1e-6, 0.00001, 1e-6, 1e-6, 1.0,
            1.0, 2e-6, 0.5);
    private static final RequestUsage WRITE = new RequestUsage("write", true, 2, 0, 99.2, 1_000, 500);
    private static final RequestUsage READ = new RequestUsage("read", true, 0, 1, 10, 1_000, 500);

    @Test
    void aMillionWrites_costEachServiceItsShare() {
        CostModel.Estimate estimate = new CostModel(ROUND, 512, false).estimate(Map.of(WRITE, 1_000_000L));

        assertThat(estimate.services()).containsOnlyKeys("API Gateway (REST)", "Lambda", "DynamoDB", "CloudWatch Logs",
                "data out");
        assertThat(estimate.services().get("API Gateway (REST)")).isCloseTo(1.0, within(1e-9));
        // a request, and 99.2 ms billed as 100 ms at half a GB: 0.05 GB-s at $0.00001
        assertThat(estimate.services().get("Lambda")).isCloseTo(1.0 + 0.5, within(1e-9));
        assertThat(estimate.services().get("DynamoDB")).isCloseTo(2.0, within(1e-9));
        assertThat(estimate.services().get("CloudWatch Logs")).isCloseTo(1.0, within(1e-9)); // 1e9 bytes
        assertThat(estimate.services().get("data out")).isCloseTo(0.5, within(1e-9));
        assertThat(estimate.total()).isCloseTo(6.0, within(1e-9));
    }

    @Test
    void aThrottledRequest_costsTheStageAlone_andReadsCostReadUnits() {
        CostModel model = new CostModel(ROUND, 1024, false);

        CostModel.Estimate throttled = model.estimate(Map.of(RequestUsage.THROTTLED, 1_000_000L));
        CostModel.Estimate reads = model.estimate(Map.of(READ, 1_000_000L));

        assertThat(throttled.services().get("Lambda")).isZero();
        assertThat(throttled.services().get("DynamoDB")).isZero();
        assertThat(reads.services().get("DynamoDB")).isCloseTo(1.0, within(1e-9));
        assertThat(reads.services().get("Lambda")).isCloseTo(1.0 + 0.1, within(1e-9)); // 10 ms at 1 GB
    }

    @Test
    void throughCloudFront_itsRequestsAndTransferReplaceTheDataOut() {
        CostModel.Estimate estimate = new CostModel(ROUND, 512, true).estimate(Map.of(WRITE, 1_000_000L));

        assertThat(estimate.services()).containsKey("CloudFront").doesNotContainKey("data out");
        assertThat(estimate.services().get("CloudFront")).isCloseTo(2.0 + 0.25, within(1e-9));
    }

    @Test
    void publishedPrices_giveTheRestApisDollarsPerMillion() {
        CostModel.Estimate estimate = new CostModel(AwsPrices.US_EAST_1, 1024, false)
                .estimate(Map.of(RequestUsage.POST, 1_000_000L));

        assertThat(estimate.services().get("API Gateway (REST)")).isCloseTo(3.50, within(1e-9));
        assertThat(estimate.services().get("DynamoDB")).isCloseTo(0.625, within(1e-9));
    }

    @Test
    void dollars_keepTwoSignificantDigits() {
        assertThat(CostModel.dollars(12.346)).isEqualTo("$12.35");
        assertThat(CostModel.dollars(1234.5)).isEqualTo("$1,234.50");
        assertThat(CostModel.dollars(0.00123)).isEqualTo("$0.0012");
        assertThat(CostModel.dollars(0.0000346)).isEqualTo("$0.000035");
        assertThat(CostModel.dollars(0)).isEqualTo("$0");
    }
}
