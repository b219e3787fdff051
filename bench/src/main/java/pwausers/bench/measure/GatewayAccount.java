package pwausers.bench.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import pwausers.bench.results.Figure;
import pwausers.bench.results.Figure.Unit;
import pwausers.bench.results.Row;
import pwausers.local.up.LocalStack;

/**
 * The gateway's figures from its rounds (what {@link GatewayThroughput} measured): its rate against raw PutItem just
 * after the start and in steady state (the median of the pairs), its CPU per request and where it goes, and the account
 * of every process's CPU per request: the most this machine's CPUs could serve at those costs, against the target.
 *
 * @param clients      the concurrency of every round
 * @param seconds      how long each round was counted
 * @param first        the pair just after the start
 * @param pairs        the pairs in steady state
 * @param warmUpRounds the warm-up rounds it took to get there
 * @param warmUpBudget the most warm-up rounds it was given
 * @param unrouted     a round of POSTs to a path the gateway does not route (403): Jetty and routing alone
 * @param sdkMicros    the CPU of the SDK's PutItem alone, in one thread, in us
 * @param cpus         this machine's CPUs
 */
record GatewayAccount(int clients, int seconds, Pair first, List<Pair> pairs, int warmUpRounds, int warmUpBudget,
                      Throughput.Result unrouted, double sdkMicros, int cpus) {
    /** The target: the gateway at this share of raw PutItem's rate. */
    static final double SHARE = 0.80;
    static final int STEADY_MIN_ROUNDS = 4;
    static final double STEADY_CHANGE = 0.05;

    /** A raw PutItem round and the gateway's round after it. */
    record Pair(Throughput.Result raw, Throughput.Result gateway) {
        double share() {
            return gateway.perSecond() / raw.perSecond();
        }
    }

    /** The steady-state pair: the median share. */
    Pair median() {
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingDouble(Pair::share));
        return sorted.get(sorted.size() / 2);
    }

    List<Row> rows() {
        Pair median = median();
        Throughput.Result steady = median.gateway();
        Throughput.Result raw = median.raw();
        double machine = steady.machineCpuMicrosPerAnswer();
        double machineRaw = raw.machineCpuMicrosPerAnswer();
        return List.of(
                share("gateway.start", "gateway throughput, " + clients + " clients, just after the start: POST"
                        + " /pwausers vs raw PutItem", first, null),
                share("gateway.steady", "gateway throughput, " + clients + " clients, steady state: POST /pwausers vs"
                        + " raw PutItem", median, median.share() >= SHARE),
                Row.of("gateway.cpu.start", "gateway CPU per request, just after the start (this JVM, less the load"
                        + " generator)", us(first.gateway().serverCpuMicrosPerAnswer())),
                Row.of("gateway.cpu.steady", "gateway CPU per request, steady state (this JVM, less the load"
                        + " generator)", us(steady.serverCpuMicrosPerAnswer())),
                new Row("gateway.cpu.machine", "CPU per request of every process (the engine, this JVM), steady state:"
                        + " POST /pwausers vs raw PutItem", us(machine), us(machineRaw), "raw",
                        Figure.of(machine / machineRaw, Unit.TIMES), null, null));
    }

    private Row share(String id, String measure, Pair pair, Boolean met) {
        return new Row(id, measure, Figure.of(pair.gateway().perSecond(), Unit.PER_SECOND),
                Figure.of(pair.raw().perSecond(), Unit.PER_SECOND), "raw", Figure.of(pair.share() * 100, Unit.PERCENT),
                met == null ? null : ">= " + percent(SHARE), met);
    }

    /** What the rows cannot hold: the rounds, the CPU by thread and process, the machine's ceiling. */
    List<String> notes() {
        Pair median = median();
        Throughput.Result steady = median.gateway();
        Throughput.Result raw = median.raw();
        double server = steady.serverCpuMicrosPerAnswer();
        double jetty = steady.threadCpuMicrosPerAnswer(LocalStack.API_THREAD_NAME_PREFIX);
        double machine = steady.machineCpuMicrosPerAnswer();
        double machineRaw = raw.machineCpuMicrosPerAnswer();
        double ceiling = cpus * 1e6 / machine;
        double needed = SHARE * raw.perSecond();
        double allowed = cpus * 1e6 / needed;
        return List.of(
                String.format(Locale.ROOT, "The machine's CPU per request in steady state: a raw PutItem costs the"
                                + " engine %.0f us and this JVM (the load generator) %.0f us; a POST /pwausers costs the"
                                + " engine %.0f us, the stack %.0f us and the load generator %.0f us, %.0f us in all. At"
                                + " those costs %d CPUs serve at most %.0f POSTs/s with every CPU busy, %s of the raw"
                                + " rate. %s of raw (%.0f/s) allows at most %.0f us per POST in all: with the engine at"
                                + " its raw cost, %.0f us for the stack and the load generator (measured: %.0f). Each"
                                + " process's CPU per request grows as its rate falls (wake-ups are shared by fewer"
                                + " requests).",
                        raw.engineCpuMicrosPerAnswer(), machineRaw - raw.engineCpuMicrosPerAnswer(),
                        steady.engineCpuMicrosPerAnswer(), server, steady.loadCpuMicrosPerAnswer(), machine, cpus,
                        ceiling, percent(ceiling / raw.perSecond()), percent(SHARE), needed, allowed,
                        allowed - raw.engineCpuMicrosPerAnswer(), server + steady.loadCpuMicrosPerAnswer()),
                String.format(Locale.ROOT, "Gateway: steady state after %d warm-up rounds of %d s (at least %d, then"
                                + " until two in a row were within %.0f %% in CPU per answer, at most %d); ratios of the"
                                + " %d pairs (raw, then gateway, each on a fresh table): %s; the median is in the table.",
                        warmUpRounds, seconds, STEADY_MIN_ROUNDS, STEADY_CHANGE * 100, warmUpBudget,
                        pairs.size(), pairs.stream().map(p -> percent(p.share())).toList()),
                String.format(Locale.ROOT, "The gateway's CPU per POST /pwausers in steady state, %.0f us in all, by"
                                + " thread: Jetty's (HTTP, routing, the event and its answer, the access log) %.0f us, of"
                                + " which a POST it answers 403 takes %.0f us; the function's processes (its handler,"
                                + " the SDK, Lambda's runtime client) %.0f us; the rest of the stack's JVM (the Runtime"
                                + " API, the JIT compiler, the GC) %.0f us. The SDK's PutItem alone, in one thread on"
                                + " the same engine: %.0f us. The load generator took %.0f us more per request.",
                        server, jetty, unrouted.threadCpuMicrosPerAnswer(LocalStack.API_THREAD_NAME_PREFIX),
                        steady.functionCpuMicrosPerAnswer(), server - jetty - steady.functionCpuMicrosPerAnswer(),
                        sdkMicros, steady.loadCpuMicrosPerAnswer()));
    }

    /** What says the account is wrong, not just small: a thread renamed, a process missed, the engine's CPU unseen. */
    List<String> problems() {
        Pair median = median();
        List<String> problems = new ArrayList<>();
        double jetty = median.gateway().threadCpuMicrosPerAnswer(LocalStack.API_THREAD_NAME_PREFIX);
        double function = median.gateway().functionCpuMicrosPerAnswer();
        if (jetty == 0 || function == 0) {
            problems.add("the gateway's CPU: none in threads named " + LocalStack.API_THREAD_NAME_PREFIX + "* ("
                    + us(jetty) + ") or in the function's processes (" + us(function) + ")");
        }
        if (median.gateway().engineCpuNanos() == 0 || median.raw().engineCpuNanos() == 0) {
            problems.add("the engine's CPU: none measured in its process tree");
        }
        return problems;
    }

    /**
     * Whether the warm-up is over after this round: at least {@value #STEADY_MIN_ROUNDS} rounds, then two in a row
     * within {@value #STEADY_CHANGE} of each other in CPU per answer.
     */
    static boolean steady(int round, double lastCpu, double cpu) {
        return round >= STEADY_MIN_ROUNDS && Math.abs(cpu - lastCpu) <= lastCpu * STEADY_CHANGE;
    }

    private static Figure us(double micros) {
        return Figure.of(micros, Unit.MICROSECONDS);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
