package pwausers.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The harness's named scenarios. */
public enum Scenario {
    /** Concurrent creates, nothing else going on: every answer a 201, the ledger and the table agree. */
    STEADY(10_000),
    /** The engine is killed (SIGKILL) a third of the way in; the stack's supervisor restarts it. */
    ENGINE_KILL(3_000),
    /** The engine is frozen (SIGSTOP) a third of the way in, longer than the function's bound, then resumed. */
    ENGINE_FREEZE(3_000),
    /** Many concurrent requests with one Idempotency-Key and one body. */
    IDEMPOTENCY(0),
    /** Normal load while raw-socket clients dribble bodies or hang up mid-body. */
    SLOW_CLIENTS(3_000);

    private final int defaultRequests;

    Scenario(int defaultRequests) {
        this.defaultRequests = defaultRequests;
    }

    int defaultRequests() {
        return defaultRequests;
    }

    /** Its name on the command line: {@code engine-kill}. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One scenario by its name, or {@code all}. */
    static List<Scenario> parse(String name) {
        if (name.equals("all")) {
            return List.of(values());
        }
        return Arrays.stream(values()).filter(s -> s.flagName().equals(name)).findFirst().map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + name + " (one of "
                        + Arrays.stream(values()).map(Scenario::flagName).collect(Collectors.joining(", ")) + ", all)"));
    }
}
