package pwausers.bench;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import pwausers.bench.results.GeneratedDocs;
import pwausers.bench.results.ResultsFolder;
import pwausers.bench.rig.BenchSettings;
import pwausers.cli.BenchArguments;
import pwausers.local.engine.ProjectFiles;

/** {@code ./pwa-users bench}: the run of the options that {@link BenchArguments} declares. */
final class BenchCommand extends BenchArguments implements Callable<Integer> {
    /** The document whose tables the runs generate. */
    static final String PERFORMANCE_DOC = "docs/performance.md";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Path root = ProjectFiles.root();
        ResultsFolder results = new ResultsFolder(root.resolve(ResultsFolder.PROJECT_FOLDER));
        if (writeDocs) {
            boolean changed = GeneratedDocs.write(root.resolve(PERFORMANCE_DOC), results, root);
            spec.commandLine().getOut().println(PERFORMANCE_DOC + (changed ? ": its tables generated again from "
                    + ResultsFolder.PROJECT_FOLDER + "/" : ": already what " + ResultsFolder.PROJECT_FOLDER
                    + "/ generates"));
            return 0;
        }
        Bench.Report report = new Bench(settings(), results, System.out, System.err).run();
        return report.failures().isEmpty() ? 0 : 1;
    }

    BenchSettings settings() {
        Set<Section> sections = only == null || only.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(only);
        return new BenchSettings(
                positive("--rounds", rounds, quick ? 2 : 20),
                atLeast("--warmup", warmup, quick ? 20 : 500, 0),
                positive("--calls", calls, quick ? 50 : 5000),
                positive("--warm-rounds", warmRounds, quick ? 1 : 3),
                positive("--clients", clients, 8),
                positive("--seconds", seconds, quick ? 1 : 10),
                variations != null ? variations : !quick,
                sections, java25, List.copyOf(tryOptions), quick);
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
