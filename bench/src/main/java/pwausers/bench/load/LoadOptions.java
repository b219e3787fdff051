package pwausers.bench.load;

import java.util.List;

/**
 * What {@code ./pwa-users loadtest} runs (its defaults: those of the command line, {@code new LoadCommand().options()}).
 *
 * @param scenarios     the scenarios, in order
 * @param clients       concurrent closed-loop clients
 * @param requests      requests per load scenario, or 0 for each scenario's default
 * @param sameKey       concurrent requests with one Idempotency-Key (the idempotency scenario)
 * @param slowClients   misbehaving raw-socket clients (the slow-clients scenario)
 * @param freezeSeconds how long the engine stays frozen (engine-freeze): longer than the function's 5 s bound
 * @param timeoutSeconds the load clients' own bound on a request: above the function's, so a hang shows as one
 */
public record LoadOptions(List<Scenario> scenarios, int clients, int requests, int sameKey, int slowClients,
                          int freezeSeconds, int timeoutSeconds) {

    /** The requests of one load scenario. */
    public int requestsFor(Scenario scenario) {
        return requests > 0 ? requests : scenario.defaultRequests();
    }

    public int slowClientCount() {
        return slowClients > 0 ? slowClients : Math.max(4, clients / 2);
    }

    public LoadOptions with(List<Scenario> scenarios, int clients, int requests) {
        return new LoadOptions(scenarios, clients, requests, sameKey, slowClients, freezeSeconds, timeoutSeconds);
    }
}
