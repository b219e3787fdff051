package pwausers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import pwausers.bench.results.Row;
import pwausers.bench.results.SectionResult;

/**
 * The per-request costs on the real package and a real dynalite: every answer as its route expects, and the DynamoDB
 * units each route's requests consume as the function's calls and DynamoDB's rules make them. No timing is checked.
 * The cost section of {@link QuickBench}'s run, which {@link BenchIT} judges whole: its children run once for both.
 */
class RequestCostsIT {
    @Test
    void eachRoute_consumesTheUnitsOfTheCallsItMakes() {
        QuickBench.Costs costs = QuickBench.costs();
        SectionResult result = costs.result();
        List<String> failures = costs.failures();
        // the 4 invocations after a restore are the restore part's run, which the cost part reads (counted there)
        assertThat(costs.invocations()).as("2 + 5 rounds straight, 1 + 5 through the proxy")
                .isEqualTo(7 * 5 + 6 * 5);

        assertThat(failures).isEmpty();
        Map<String, Double> figures = result.rows().stream().filter(r -> r.value() != null)
                .collect(Collectors.toMap(Row::id, r -> r.value().value()));
        // a POST: one PutItem of the entry
        assertThat(figures).containsEntry("cost.post.write-units", 1.0).containsEntry("cost.post.read-units", 0.0);
        // a new key: its claim, the entry, the key completed
        assertThat(figures).containsEntry("cost.post-keyed.write-units", 3.0)
                .containsEntry("cost.post-keyed.read-units", 0.0);
        // a replay: the claim fails its condition (a write DynamoDB charges), the stored answer comes with the failure
        assertThat(figures).containsEntry("cost.post-replayed.write-units", 1.0)
                .containsEntry("cost.post-replayed.read-units", 0.0);
        // GET: one strongly consistent read of an item under 4 KB; DELETE: one write
        assertThat(figures).containsEntry("cost.get.write-units", 0.0).containsEntry("cost.get.read-units", 1.0);
        assertThat(figures).containsEntry("cost.delete.write-units", 1.0).containsEntry("cost.delete.read-units", 0.0);
        assertThat(figures).as("the first invocations after a restore")
                .containsKeys("cost.post.billed-after-restore", "cost.post-keyed.billed-after-restore");
        assertThat(result.rows()).as("every row has its figure").allSatisfy(row -> assertThat(row.value()).isNotNull());
        assertThat(figures.get("cost.post.log-function")).as("the function's line").isGreaterThan(100);
        assertThat(figures.get("cost.post.response")).isGreaterThan(figures.get("cost.delete.response"));
    }
}
