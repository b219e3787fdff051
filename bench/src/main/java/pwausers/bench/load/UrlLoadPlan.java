package pwausers.bench.load;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import pwausers.bench.cost.AwsPrices;
import pwausers.bench.cost.CostModel;
import pwausers.bench.cost.RequestUsage;

/**
 * What {@code loadtest --url} will send, said before it sends anything: the submissions of each scenario, then one read
 * per entry stored and, with a clean-up, one delete per entry; how many requests that is at most, every retry counted;
 * and what it would cost a deployment on AWS.
 *
 * @param options the harness's options (scenarios, clients, requests, same-key burst)
 * @param cleanUp whether the entries stored are deleted afterwards
 */
public record UrlLoadPlan(ApiUrl api, LoadOptions options, boolean cleanUp) {

    private boolean runs(Scenario scenario) {
        return options.scenarios().contains(scenario);
    }

    private long steadyPosts() {
        return runs(Scenario.STEADY) ? options.requestsFor(Scenario.STEADY) : 0;
    }

    /** The burst with one key, and its retry with every try it may take. */
    private long keyedPosts(boolean everyTry) {
        return runs(Scenario.IDEMPOTENCY) ? options.sameKey() + (everyTry ? IdempotencyBurst.RETRY_ATTEMPTS : 1) : 0;
    }

    /** The most entries the run can store: one per steady submission, one for the key. */
    public long mostStored() {
        return steadyPosts() + (runs(Scenario.IDEMPOTENCY) ? 1 : 0);
    }

    /** The requests if each is answered at its first try and every submission is stored. */
    public Map<RequestUsage, Long> expected() {
        return requests(false);
    }

    /** The most requests the run may send: every read and delete tried {@value EntryClient#ATTEMPTS} times. */
    public Map<RequestUsage, Long> atMost() {
        return requests(true);
    }

    private Map<RequestUsage, Long> requests(boolean everyTry) {
        int tries = everyTry ? EntryClient.ATTEMPTS : 1;
        Map<RequestUsage, Long> requests = new LinkedHashMap<>();
        requests.put(RequestUsage.POST, steadyPosts());
        requests.put(RequestUsage.POST_WITH_KEY, keyedPosts(everyTry));
        requests.put(RequestUsage.GET, mostStored() * tries);
        requests.put(RequestUsage.DELETE, cleanUp ? mostStored() * tries : 0);
        return requests;
    }

    public static long total(Map<RequestUsage, Long> requests) {
        return requests.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The plan, and its cost at these prices for a function of {@code memoryMb}. */
    public void print(PrintWriter out, AwsPrices prices, int memoryMb) {
        out.println("loadtest --url " + api + ":");
        if (runs(Scenario.STEADY)) {
            out.printf("  steady       %,d submissions (POST, no Idempotency-Key) from %d clients at once%n",
                    steadyPosts(), options.clients());
        }
        if (runs(Scenario.IDEMPOTENCY)) {
            out.printf("  idempotency  %d submissions with one Idempotency-Key at once, then a retry (at most %d tries)%n",
                    options.sameKey(), IdempotencyBurst.RETRY_ATTEMPTS);
        }
        out.printf("  then         a GET of each entry stored (at most %,d)%s; a throttled or busy one is tried again,"
                + " at most %d times%n", mostStored(), cleanUp ? ", then a DELETE of each" : "", EntryClient.ATTEMPTS);
        Map<RequestUsage, Long> expected = expected();
        Map<RequestUsage, Long> atMost = atMost();
        out.printf("Requests: %,d if each is answered at once; at most %,d with every retry.%n", total(expected),
                total(atMost));
        CostModel model = new CostModel(prices, memoryMb, api.cloudFront());
        out.println((api.loopback() ? "A local stack: AWS charges nothing. Deployed in " : "Cost in ") + prices.region()
                + (api.cloudFront() ? " through CloudFront" : "") + " at AWS's prices of " + prices.readOn()
                + " (no free tier; the per-request usage of the bench's model): " + model.estimate(expected)
                + "; at most " + CostModel.dollars(model.estimate(atMost).total()) + ".");
        if (!cleanUp) {
            out.println("The entries stay in the table; --clean-up deletes them once they are checked.");
        }
    }
}
