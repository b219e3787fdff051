package pwausers.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import pwausers.bench.Machine;
import pwausers.cli.LoadtestArguments;

/**
 * {@code ./pwa-users loadtest [options]}, as {@link LoadtestArguments} declares it: runs the harness, prints its
 * table, exits 1 if a verdict fails.
 */
public final class LoadCommand extends LoadtestArguments implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        LoadReport report = new LoadHarness(options(), System.err).run();
        System.out.println();
        System.out.println("Machine: " + Machine.describe() + "; every request to 127.0.0.1.");
        System.out.println();
        report.print(System.out);
        return report.passed() ? 0 : 1;
    }

    public LoadOptions options() {
        return new LoadOptions(scenarios(), between("--clients", clients, 1, 512),
                requests == null ? 0 : between("--requests", requests, 1, 1_000_000),
                between("--same-key", sameKey, 2, 500),
                slowClients == null ? 0 : between("--slow-clients", slowClients, 1, 128),
                between("--freeze-seconds", freezeSeconds, 1, 60), between("--timeout-seconds", timeoutSeconds, 1, 120));
    }

    /** The scenarios named, in order ({@code all}: every one). */
    private List<Scenario> scenarios() {
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenarios) {
            try {
                chosen.addAll(Scenario.parse(name));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
            }
        }
        return List.copyOf(chosen);
    }

    private int between(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(),
                    flag + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }
}
