package pwausers.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import pwausers.cli.BenchArguments;

/** {@code ./pwa-users bench}: the run of the options that {@link BenchArguments} declares. */
final class BenchCommand extends BenchArguments implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Bench.Settings settings = settings();
        Bench.Report report = new Bench(settings, System.out, System.err).run();
        return report.failures().isEmpty() ? 0 : 1;
    }

    Bench.Settings settings() {
        Set<Section> sections = only == null || only.isEmpty() ? Bench.allSections() : EnumSet.copyOf(only);
        return new Bench.Settings(
                positive("--rounds", rounds, quick ? 2 : 20),
                atLeast("--warmup", warmup, quick ? 20 : 500, 0),
                positive("--calls", calls, quick ? 50 : 5000),
                positive("--warm-rounds", warmRounds, quick ? 1 : 3),
                positive("--clients", clients, 8),
                positive("--seconds", seconds, quick ? 1 : 10),
                variations != null ? variations : !quick,
                sections, java25, List.copyOf(tryOptions));
    }

    private int positive(String flag, Integer value, int fallback) {
        return atLeast(flag, value, fallback, 1);
    }

    private int atLeast(String flag, Integer value, int fallback, int min) {
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            throw new ParameterException(spec.commandLine(), flag + " must be at least " + min + ", not " + value);
        }
        return value;
    }
}
