package pwausers.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import pwausers.bench.cost.AwsPrices;
import pwausers.bench.cost.RequestUsage;

/** What loadtest --url says it will send before it sends anything: every request counted, retries included. */
class UrlLoadPlanTest {
    private static LoadOptions options(List<Scenario> scenarios, int requests) {
        return new LoadOptions(scenarios, 32, requests, 50, 0, 7, 15);
    }

    @Test
    void steadyAndIdempotency_withCleanUp_readAndDeleteEveryEntryThatMayBeStored() {
        UrlLoadPlan plan = new UrlLoadPlan(ApiUrl.parse("https://abc.execute-api.us-east-1.amazonaws.com/prod"),
                options(UrlLoadHarness.SCENARIOS, 200), true);

        assertThat(plan.mostStored()).isEqualTo(201); // one per steady submission, one for the key
        assertThat(plan.expected()).containsEntry(RequestUsage.POST, 200L)
                .containsEntry(RequestUsage.POST_WITH_KEY, 51L)
                .containsEntry(RequestUsage.GET, 201L)
                .containsEntry(RequestUsage.DELETE, 201L);
        assertThat(plan.atMost()).containsEntry(RequestUsage.POST, 200L)
                .containsEntry(RequestUsage.POST_WITH_KEY, 50L + IdempotencyBurst.RETRY_ATTEMPTS)
                .containsEntry(RequestUsage.GET, 201L * EntryClient.ATTEMPTS)
                .containsEntry(RequestUsage.DELETE, 201L * EntryClient.ATTEMPTS);
        assertThat(UrlLoadPlan.total(plan.expected())).isEqualTo(653);
    }

    @Test
    void withoutCleanUp_nothingIsDeleted_andThePlanSaysTheEntriesStay() {
        UrlLoadPlan plan = new UrlLoadPlan(ApiUrl.parse("https://abc.execute-api.us-east-1.amazonaws.com/prod"),
                options(List.of(Scenario.STEADY), 10), false);

        assertThat(plan.atMost()).containsEntry(RequestUsage.DELETE, 0L).containsEntry(RequestUsage.POST_WITH_KEY, 0L);
        assertThat(print(plan)).contains("10 submissions", "Cost in us-east-1", "--clean-up deletes them")
                .doesNotContain("idempotency");
    }

    @Test
    void aLocalStack_costsNothing_andThePlanSaysWhatADeploymentWould() {
        String text = print(new UrlLoadPlan(ApiUrl.parse("http://localhost:3000"), options(List.of(Scenario.STEADY), 200),
                true));

        assertThat(text).contains("A local stack: AWS charges nothing. Deployed in us-east-1", "$", "at most");
    }

    private static String print(UrlLoadPlan plan) {
        StringWriter text = new StringWriter();
        plan.print(new PrintWriter(text, true), AwsPrices.US_EAST_1, 1024);
        return text.toString();
    }
}
