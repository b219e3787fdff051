package pwausers.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./pwa-users loadtest} runs.
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

    public static final String USAGE = """
            Usage: ./pwa-users loadtest [--scenario NAME] [--clients N] [--requests N] [options]

            Starts the local stack (gateway, function, dynalite with its data in a temporary directory) on free
            loopback ports, one per scenario, drives it over real HTTP, keeps a ledger of every request and answer,
            checks the ledger against the table, and prints one table. Exit code 1 if a verdict fails.

              --scenario NAME      steady (default), engine-kill, engine-freeze, idempotency, slow-clients, or all
              --clients N          concurrent clients (default 32)
              --requests N         requests per load scenario (default: 10000 for steady, 3000 for the others)
              --same-key N         concurrent requests sharing one Idempotency-Key (default 50)
              --slow-clients N     raw-socket clients dribbling or abandoning bodies (default: clients / 2, min 4)
              --freeze-seconds N   how long engine-freeze keeps the engine stopped (default 7)
              --timeout-seconds N  the load clients' own bound on one request (default 15)
            """;

    public static LoadOptions defaults() {
        return new LoadOptions(List.of(Scenario.STEADY), 32, 0, 50, 0, 7, 15);
    }

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

    /** @throws IllegalArgumentException on an unknown flag or a bad value */
    public static LoadOptions parse(String... args) {
        LoadOptions o = defaults();
        List<Scenario> scenarios = o.scenarios();
        int clients = o.clients();
        int requests = o.requests();
        int sameKey = o.sameKey();
        int slow = o.slowClients();
        int freeze = o.freezeSeconds();
        int timeout = o.timeoutSeconds();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value" : "unknown argument " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--scenario" -> scenarios = Scenario.parse(value);
                case "--clients" -> clients = positive(flag, value, 1, 512);
                case "--requests" -> requests = positive(flag, value, 1, 1_000_000);
                case "--same-key" -> sameKey = positive(flag, value, 2, 500);
                case "--slow-clients" -> slow = positive(flag, value, 1, 128);
                case "--freeze-seconds" -> freeze = positive(flag, value, 1, 60);
                case "--timeout-seconds" -> timeout = positive(flag, value, 1, 120);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new LoadOptions(new ArrayList<>(scenarios), clients, requests, sameKey, slow, freeze, timeout);
    }

    private static int positive(String flag, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", not " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, not " + value);
        }
    }
}
