package pwausers.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.bench.results.Row;
import pwausers.local.up.LocalStack;

/** The gateway's rows and account from canned rounds, each figure worked out by hand. */
class GatewayAccountTest {
    private static final String JETTY = LocalStack.API_THREAD_NAME_PREFIX;
    /** Raw PutItem at 2,000/s: the engine 300 us and the load generator 20 us a request. */
    private static final Throughput.Result RAW = result(2000, 20, 20, Map.of(), 300, 0);

    /** A round of 1,000 answers; each CPU figure in us per answer. */
    private static Throughput.Result result(double perSecond, long jvmUs, long loadUs, Map<String, Long> threadsUs,
                                            long engineUs, long functionUs) {
        Map<String, Long> threads = new java.util.HashMap<>();
        threadsUs.forEach((k, v) -> threads.put(k, v * 1000 * 1000));
        return new Throughput.Result(perSecond, 1000, 0, jvmUs * 1000 * 1000, loadUs * 1000 * 1000, threads,
                engineUs * 1000 * 1000, functionUs * 1000 * 1000);
    }

    /** A POST round: this JVM 400 us (30 of them the load generator's, 100 Jetty's), the engine 350, the function 200. */
    private static GatewayAccount.Pair pair(double gatewayPerSecond) {
        return new GatewayAccount.Pair(RAW, result(gatewayPerSecond, 400, 30, Map.of(JETTY, 100L), 350, 200));
    }

    private static GatewayAccount account() {
        return new GatewayAccount(8, 10, pair(500), List.of(pair(800), pair(1000), pair(900)), 5, 10,
                result(5000, 40, 10, Map.of(JETTY, 25L), 0, 0), 150, 2);
    }

    @Test
    void theSteadyStateIsTheMedianPair_againstTheTarget() {
        List<Row> rows = account().rows();

        assertThat(rows).extracting(Row::id).containsExactly("gateway.start", "gateway.steady", "gateway.cpu.start",
                "gateway.cpu.steady", "gateway.cpu.machine");
        assertThat(rows.get(0).cells()).containsExactly(
                "gateway throughput, 8 clients, just after the start: POST /pwausers vs raw PutItem", "500/s",
                "2,000/s (raw)", "25 %", "", "");
        assertThat(rows.get(1).cells()).containsExactly(
                "gateway throughput, 8 clients, steady state: POST /pwausers vs raw PutItem", "900/s", "2,000/s (raw)",
                "45 %", ">= 80 %", "**no**");
        // the stack: this JVM less the load generator, plus the function's processes: 400 - 30 + 200
        assertThat(rows.get(3).value().value()).isEqualTo(570);
        // every process: the engine 350, the function 200, this JVM 400; raw: 300 + 20
        assertThat(rows.get(4).cells()).containsExactly(
                "CPU per request of every process (the engine, this JVM), steady state: POST /pwausers vs raw PutItem",
                "950 us", "320 us (raw)", "2.97x", "", "");
    }

    @Test
    void theNotes_accountForEveryProcess_andTheMachinesCeiling() {
        List<String> notes = account().notes();

        // 2 CPUs at 950 us a POST: 2,105/s at most; 80 % of raw (1,600/s) allows 1,250 us, 950 beside the engine's 300
        assertThat(notes.get(0)).contains("a POST /pwausers costs the engine 350 us, the stack 570 us and the load"
                + " generator 30 us, 950 us in all", "2 CPUs serve at most 2105 POSTs/s", "105 % of the raw rate",
                "80 % of raw (1600/s) allows at most 1250 us per POST", "950 us for the stack and the load generator"
                + " (measured: 600)");
        assertThat(notes.get(1)).contains("after 5 warm-up rounds of 10 s", "[40 %, 50 %, 45 %]");
        // Jetty 100; a POST it answers 403: 25; the function's processes 200; the rest 570 - 100 - 200
        assertThat(notes.get(2)).contains("570 us in all", "Jetty's (HTTP, routing, the event and its answer, the"
                + " access log) 100 us, of which a POST it answers 403 takes 25 us", "processes (its handler, the SDK,"
                + " Lambda's runtime client) 200 us", "the JIT compiler, the GC) 270 us", "alone, in one thread on the"
                + " same engine: 150 us");
        assertThat(account().problems()).isEmpty();
    }

    @Test
    void anAccountThatMissedAProcessOrAThread_isAProblem_notASmallFigure() {
        Throughput.Result blind = result(900, 400, 30, Map.of(), 0, 0);
        GatewayAccount account = new GatewayAccount(8, 10, pair(500), List.of(new GatewayAccount.Pair(RAW, blind)), 5,
                10, blind, 150, 2);

        assertThat(account.problems()).hasSize(2).anyMatch(p -> p.contains("the function's processes"))
                .anyMatch(p -> p.contains("the engine's CPU"));
    }

    @Test
    void theWarmUpEnds_afterFourRounds_whenTwoInARowAgreeWithinFivePercent() {
        assertThat(GatewayAccount.steady(3, 600, 600)).isFalse();
        assertThat(GatewayAccount.steady(4, 600, 620)).isTrue();
        assertThat(GatewayAccount.steady(4, 600, 640)).isFalse();
        assertThat(GatewayAccount.steady(1, Double.NaN, 600)).isFalse();
    }
}
