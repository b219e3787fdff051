package pwausers.bench;

import java.net.URI;
import java.nio.file.Path;

/**
 * What {@code ./pwa-users bench} measures, and how much.
 *
 * @param coldRuns       cold starts per row, alternating Java and Node.js (issue: at least 20)
 * @param warmup         warm-up invocations before timing (issue: 500)
 * @param timed          timed warm invocations (issue: 5000)
 * @param concurrency    load threads for the throughput row
 * @param loadSeconds    how long each throughput run is counted
 * @param gateway        the local gateway's base URL (POST BASE/pwausers), or null
 * @param peerSource     the Node.js peer's sources, or null for ../shared/peers/node-reference
 * @param java25Home     a JDK 25 for the AOT-cache row, or null to look in /usr/lib/jvm
 */
record BenchOptions(int coldRuns, int warmup, int timed, int concurrency, int loadSeconds, URI gateway,
                    Path peerSource, Path java25Home) {
    static final String USAGE = """
            usage: ./pwa-users bench jmh [JMH OPTIONS]      in-process micro-benchmarks (pwausers.bench.jmh)
                   ./pwa-users bench [--cold-runs N] [--warmup N] [--timed N] [--concurrency N] [--load-seconds N]
                                     [--gateway URL] [--peer DIR] [--java25 JAVA_HOME] [--quick]
              --cold-runs N     cold starts per row, Java and Node.js alternating (default 20)
              --warmup N        warm-up invocations before timing (default 500)
              --timed N         timed warm invocations (default 5000)
              --concurrency N   load threads for the throughput row (default 8)
              --load-seconds N  seconds counted per throughput run (default 10)
              --gateway URL     the local gateway's base URL, POST URL/pwausers (default: the row says not available)
              --peer DIR        the Node.js peer's sources (default ../shared/peers/node-reference)
              --java25 DIR      a JDK 25 for the AOT cache rows (default: one found in /usr/lib/jvm)
              --quick           a smoke run: 2 cold starts, 20 + 50 warm invocations, 2 s of load
            """;

    static BenchOptions defaults() {
        return new BenchOptions(20, 500, 5000, 8, 10, null, null, null);
    }

    /** Parses the arguments after "bench". */
    static BenchOptions parse(String[] args) {
        BenchOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                o = new BenchOptions(2, 20, 50, 4, 2, o.gateway, o.peerSource, o.java25Home);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + arg);
            }
            String v = args[++i];
            o = switch (arg) {
                case "--cold-runs" -> new BenchOptions(positive(arg, v), o.warmup, o.timed, o.concurrency, o.loadSeconds, o.gateway, o.peerSource, o.java25Home);
                case "--warmup" -> new BenchOptions(o.coldRuns, nonNegative(arg, v), o.timed, o.concurrency, o.loadSeconds, o.gateway, o.peerSource, o.java25Home);
                case "--timed" -> new BenchOptions(o.coldRuns, o.warmup, positive(arg, v), o.concurrency, o.loadSeconds, o.gateway, o.peerSource, o.java25Home);
                case "--concurrency" -> new BenchOptions(o.coldRuns, o.warmup, o.timed, positive(arg, v), o.loadSeconds, o.gateway, o.peerSource, o.java25Home);
                case "--load-seconds" -> new BenchOptions(o.coldRuns, o.warmup, o.timed, o.concurrency, positive(arg, v), o.gateway, o.peerSource, o.java25Home);
                case "--gateway" -> new BenchOptions(o.coldRuns, o.warmup, o.timed, o.concurrency, o.loadSeconds, URI.create(v), o.peerSource, o.java25Home);
                case "--peer" -> new BenchOptions(o.coldRuns, o.warmup, o.timed, o.concurrency, o.loadSeconds, o.gateway, Path.of(v), o.java25Home);
                case "--java25" -> new BenchOptions(o.coldRuns, o.warmup, o.timed, o.concurrency, o.loadSeconds, o.gateway, o.peerSource, Path.of(v));
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            };
        }
        return o;
    }

    private static int positive(String name, String value) {
        int n = nonNegative(name, value);
        if (n == 0) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, not " + value, e);
        }
    }
}
