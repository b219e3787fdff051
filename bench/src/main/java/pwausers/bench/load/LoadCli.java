package pwausers.bench.load;

import java.io.PrintStream;

/** {@code ./pwa-users loadtest [options]}: runs the harness, prints its table, exits 1 if a verdict fails. */
public final class LoadCli {
    private LoadCli() {
    }

    /** @return the exit code: 0 every verdict passed, 1 one failed, 2 bad usage */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(LoadOptions.USAGE);
            return 0;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("pwa-users loadtest: " + e.getMessage());
            err.print(LoadOptions.USAGE);
            return 2;
        }
        LoadReport report = new LoadHarness(options, err).run();
        out.println();
        out.printf("Machine: %d CPUs, %s %s; Java %s; every request to 127.0.0.1.%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), Runtime.version());
        out.println();
        report.print(out);
        return report.passed() ? 0 : 1;
    }
}
