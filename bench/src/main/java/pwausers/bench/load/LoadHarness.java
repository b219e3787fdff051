package pwausers.bench.load;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import pwausers.function.contract.Limits;

/**
 * The load and fault harness behind {@code ./pwa-users loadtest}: each scenario on a fresh local stack (free
 * loopback ports, the engine's data in a temporary directory), a ledger of every request, the ledger checked against
 * the table, and every verdict in one table. All traffic goes to 127.0.0.1, bounded in count and in time.
 */
public final class LoadHarness {
    /** Slack over the gateway's bound for the JVM and a busy 2-CPU machine, before a wait is a hang. */
    private static final Duration HANG_SLACK = Duration.ofSeconds(2);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    private static final int LISTED = 20;
    private final LoadOptions options;
    private final PrintStream progress;

    /** @param progress where each scenario's start and end are said (stderr); the report goes to the caller */
    public LoadHarness(LoadOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs every scenario of the options, each on its own stack, and returns the report. */
    public LoadReport run() {
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : options.scenarios()) {
            progress.println("loadtest: " + scenario.flagName() + "...");
            ScenarioResult result = run(scenario);
            progress.println("loadtest: " + scenario.flagName() + ": " + (result.passed() ? "PASS" : "FAIL "
                    + result.failures()));
            results.add(result);
        }
        return new LoadReport(results);
    }

    /** One scenario on a fresh stack. */
    public ScenarioResult run(Scenario scenario) {
        try (LocalTarget target = new LocalTarget()) {
            return run(scenario, target);
        }
    }

    /**
     * One scenario on a stack that may have served others before, its tables emptied first (the tests run every
     * scenario on one stack; a fault scenario ends once the engine answers again).
     */
    public ScenarioResult run(Scenario scenario, LocalTarget target) {
        target.emptyTables();
        Ledger ledger = new Ledger(runTag());
        return switch (scenario) {
            case STEADY -> load(scenario, target, ledger, Fault.NONE);
            case ENGINE_KILL -> load(scenario, target, ledger, Fault.KILL);
            case ENGINE_FREEZE -> load(scenario, target, ledger, Fault.FREEZE);
            case SLOW_CLIENTS -> load(scenario, target, ledger, Fault.SLOW_CLIENTS);
            case IDEMPOTENCY -> idempotency(target, ledger);
        };
    }

    private enum Fault { NONE, KILL, FREEZE, SLOW_CLIENTS }

    private ScenarioResult load(Scenario scenario, LocalTarget target, Ledger ledger, Fault fault) {
        int requests = options.requestsFor(scenario);
        boolean engineFault = fault == Fault.KILL || fault == Fault.FREEZE;
        // a fault scenario holds its last third back until the fault is over: they show whether the service is back
        int held = engineFault ? requests / 3 : 0;
        FormClient client = new FormClient(api(target), Duration.ofSeconds(options.timeoutSeconds()), ledger);
        ClosedLoopLoad load = new ClosedLoopLoad(client, options.clients(), requests, held);
        SlowClients slow = fault == Fault.SLOW_CLIENTS
                ? new SlowClients(target.apiUrl(), ledger, options.slowClientCount(), 100) : null;
        List<String> notes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String setup = options.clients() + " clients, " + requests + " requests"
                + (slow != null ? ", " + options.slowClientCount() + " slow clients" : "");

        if (slow != null) {
            slow.start();
            LocalTarget.sleep(500); // the slow ones are mid-body when the load starts
        }
        load.start();
        long faultStart = 0;
        long faultEnd = 0;
        if (engineFault) {
            load.awaitAnswered(requests / 3);
            faultStart = System.nanoTime();
            if (fault == Fault.KILL) {
                long pid = target.engine().pid();
                target.killEngine();
                boolean back = target.awaitEngine(RECOVERY_LIMIT);
                faultEnd = System.nanoTime();
                notes.add(String.format("engine (pid %d) killed with SIGKILL after %d answers; %s %.1f s later",
                        pid, load.answered(), back ? "answering again" : "STILL DOWN", (faultEnd - faultStart) / 1e9));
                if (!back) {
                    failures.add("the engine was not back within " + RECOVERY_LIMIT.toSeconds() + " s");
                }
            } else {
                target.engine().freeze();
                LocalTarget.sleep(options.freezeSeconds() * 1000L);
                target.engine().resume();
                faultEnd = System.nanoTime();
                notes.add(String.format("engine frozen (SIGSTOP) after %d answers, resumed (SIGCONT) %.1f s later",
                        load.answered() , (faultEnd - faultStart) / 1e9));
            }
            load.release();
        }
        long wall = load.join();
        if (slow != null) {
            slow.stop();
        }

        List<LedgerEntry> entries = ledger.entries();
        LedgerCheck.Verdict verdict = LedgerCheck.check(entries, scanAfter(target, failures));
        failures.addAll(verdict.problems());
        Duration bound = target.answerBound().plus(HANG_SLACK);
        List<String> badAnswers = new ArrayList<>();
        for (LedgerEntry e : entries) {
            judgeAnswer(e, engineFault, bound, badAnswers);
        }
        if (!badAnswers.isEmpty()) {
            failures.add(badAnswers.size() + " answers not as they should be: " + LedgerCheck.first(badAnswers));
        }
        String recovery = "";
        if (engineFault) {
            recovery = judgeRecovery(entries, faultEnd, failures);
            long from = faultStart;
            long during = entries.stream().filter(e -> e.client().equals("load") && e.status() == 503
                    && e.endNanos() >= from).count();
            notes.add(String.format("%d requests answered 503 with Retry-After during or just after the fault", during));
        }
        if (slow != null) {
            Map<String, Long> slowOutcomes = entries.stream().filter(e -> !e.client().equals("load"))
                    .collect(Collectors.groupingBy(e -> e.client() + " " + (e.status() == 0 ? "hung up" : e.status()),
                            Collectors.counting()));
            notes.add("raw-socket clients: " + slowOutcomes);
        }
        target.notes().forEach(n -> notes.add("stack: " + n));
        return new ScenarioResult(scenario, setup, entries, wall, verdict, failures, recovery, notes, false);
    }

    private ScenarioResult idempotency(LocalTarget target, Ledger ledger) {
        FormClient client = new FormClient(api(target), Duration.ofSeconds(options.timeoutSeconds()), ledger);
        ScenarioResult result = IdempotencyBurst.run(client, ledger, options.sameKey(), false,
                (entries, failures) -> scanAfter(target, failures), false);
        target.notes().forEach(s -> result.notes().add("stack: " + s));
        return result;
    }

    /** Reads the table once the engine answers (it may still be coming back from the fault). */
    private static List<TableItem> scanAfter(LocalTarget target, List<String> failures) {
        if (!target.awaitEngine(RECOVERY_LIMIT)) {
            failures.add("the engine did not answer within " + RECOVERY_LIMIT.toSeconds() + " s for the ledger check");
            return List.of();
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return target.scan();
            } catch (RuntimeException e) {
                last = e;
                LocalTarget.sleep(500);
            }
        }
        throw new IllegalStateException("cannot scan the table for the ledger check", last);
    }

    /**
     * Each answer on its own: without a fault, every normal request gets its 201; during an engine fault, 503 with
     * Retry-After or 504 are allowed, never another 5xx; never a hang past the function's bound; a slow client that
     * sent its whole body gets served.
     */
    private static void judgeAnswer(LedgerEntry e, boolean engineFault, Duration bound, List<String> failures) {
        switch (e.client()) {
            case "load" -> {
                if (e.status() == 0) {
                    failures.add("no answer (a hang or a broken connection): " + e);
                } else if (e.latencyNanos() > bound.toNanos()) {
                    failures.add("answered after the bound of " + bound.toSeconds() + " s: " + e);
                } else if (e.status() == 201) {
                    return;
                } else if (!engineFault) {
                    failures.add("not a 201 with no fault going on: " + e);
                } else if (e.status() == 503 && e.retryAfter() == null) {
                    failures.add("a 503 without Retry-After: " + e);
                } else if (e.status() != 503 && e.status() != 504) {
                    failures.add("not 201, 503 or 504 during the fault: " + e);
                }
            }
            case "slow" -> {
                if (e.status() != 201) {
                    failures.add("a slow client that sent its whole body got " + e.outcome() + ": " + e);
                }
            }
            default -> {
                // "abort": hung up on purpose; "idem", "retry": judged by their scenario
            }
        }
    }

    /**
     * The service came back by itself: the requests held back until the fault was over were sent, and the later half
     * of them all got 201.
     */
    private static String judgeRecovery(List<LedgerEntry> entries, long faultEnd, List<String> failures) {
        List<LedgerEntry> after = entries.stream().filter(e -> e.client().equals("load") && e.startNanos() >= faultEnd)
                .sorted(Comparator.comparingLong(LedgerEntry::startNanos)).toList();
        if (after.isEmpty()) {
            failures.add("no request was sent after the fault: recovery not shown");
            return "not shown";
        }
        List<LedgerEntry> laterHalf = after.subList(after.size() / 2, after.size());
        long bad = laterHalf.stream().filter(e -> e.status() != 201).count();
        if (bad > 0) {
            failures.add(bad + " of the last " + laterHalf.size() + " requests after the fault did not get 201");
        }
        LedgerEntry firstOk = after.stream().filter(LedgerEntry::acknowledged).findFirst().orElse(null);
        if (firstOk == null) {
            failures.add("no 201 after the fault");
            return "no";
        }
        long notOk = after.stream().filter(e -> e.status() != 201).count();
        return String.format("yes: first 201 %.2f s after; %d/%d after it ok", (firstOk.endNanos() - faultEnd) / 1e9,
                after.size() - notOk, after.size());
    }

    /** The stack's API, on loopback: the harness sends load and faults to this machine only. */
    private static ApiUrl api(LocalTarget target) {
        Loopback.require(target.apiUrl());
        return new ApiUrl(target.apiUrl());
    }

    static String runTag() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            tag.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return tag.toString();
    }

    static int listed() {
        return LISTED;
    }

    /** The function's bound on one DynamoDB call, for the report's legend. */
    static Duration storeBound() {
        return Duration.ofSeconds(Limits.STORE_CALL_TIMEOUT_SECONDS);
    }
}
