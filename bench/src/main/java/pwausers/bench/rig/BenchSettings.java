package pwausers.bench.rig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pwausers.cli.BenchArguments.Section;

/**
 * What a run of the bench measures, and how much.
 *
 * @param rounds     cold starts per configuration, each round in rotating order
 * @param warmup     warm-up invocations before the timed ones
 * @param calls      timed warm invocations
 * @param warmRounds warm runs per configuration, each round in rotating order; the rows give their medians
 * @param clients    concurrent clients for the gateway rows
 * @param seconds    how long each gateway run is counted
 * @param variations also the configurations that show what each flag of the template does, and one CPU
 * @param sections   which parts to run
 * @param java25Home a JDK 25 for the java25 rows, or null to look in /usr/lib/jvm
 * @param tryOptions JAVA_TOOL_OPTIONS to try beside the template's: a cold and a warm row each
 * @param quick      a smoke run (--quick), which the docs never cite
 * @param gatewayWarmUpBudget the most warm-up rounds the gateway gets to reach its steady state
 * @param gatewayPairs        the pairs of rounds (raw, gateway) measured in steady state
 */
public record BenchSettings(int rounds, int warmup, int calls, int warmRounds, int clients, int seconds,
                            boolean variations, Set<Section> sections, Path java25Home, List<String> tryOptions,
                            boolean quick, int gatewayWarmUpBudget, int gatewayPairs) {
    /** The gateway's rounds of every run of the command; only the harness's own tests ask for fewer. */
    public static final int GATEWAY_WARM_UP_BUDGET = 10;
    public static final int GATEWAY_PAIRS = 3;

    /** Settings with the gateway's rounds of every run of the command. */
    public BenchSettings(int rounds, int warmup, int calls, int warmRounds, int clients, int seconds,
                         boolean variations, Set<Section> sections, Path java25Home, List<String> tryOptions,
                         boolean quick) {
        this(rounds, warmup, calls, warmRounds, clients, seconds, variations, sections, java25Home, tryOptions, quick,
                GATEWAY_WARM_UP_BUDGET, GATEWAY_PAIRS);
    }

    public boolean runs(Section section) {
        return sections.contains(section);
    }

    /** The settings as a results file keeps them. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rounds", rounds);
        map.put("warmup", warmup);
        map.put("calls", calls);
        map.put("warmRounds", warmRounds);
        map.put("clients", clients);
        map.put("seconds", seconds);
        map.put("variations", variations);
        if (!tryOptions.isEmpty()) {
            map.put("tryOptions", tryOptions);
        }
        if (gatewayWarmUpBudget != GATEWAY_WARM_UP_BUDGET || gatewayPairs != GATEWAY_PAIRS) {
            map.put("gatewayWarmUpBudget", gatewayWarmUpBudget);
            map.put("gatewayPairs", gatewayPairs);
        }
        return map;
    }
}
