package pwausers.bench;

import java.util.Arrays;
import pwausers.bench.load.LoadCli;

/** The commands behind {@code ./pwa-users bench} and {@code ./pwa-users loadtest}. */
public final class BenchCli {
    private BenchCli() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "bench" : args[0];
        if (command.equals("loadtest")) {
            // the load and fault harness (pwausers.bench.load), its options after "loadtest"
            System.exit(LoadCli.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        if (!command.equals("bench")) {
            System.err.println("pwa-users: " + command + " is not written yet");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        if (rest.length > 0 && rest[0].equals("jmh")) {
            // the in-process micro-benchmarks (pwausers.bench.jmh), with JMH's own options after "jmh"
            try {
                org.openjdk.jmh.Main.main(rest.length > 1 ? Arrays.copyOfRange(rest, 1, rest.length)
                        : new String[] {"pwausers.bench.jmh"});
            } catch (Exception e) {
                System.err.println("pwa-users bench jmh: " + e);
                System.exit(1);
            }
            return;
        }
        if (rest.length > 0 && (rest[0].equals("--help") || rest[0].equals("-h"))) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(rest);
        } catch (IllegalArgumentException e) {
            System.err.println("pwa-users bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Bench.Report report = new Bench(options, System.out, System.err).run();
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }
}
