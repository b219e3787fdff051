package pwausers.bench.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of results files, one JSON file per run of the bench, named after its start
 * ({@code 2026-12-07T10-32-05Z.json}; {@code -quick} for a smoke run). {@code bench/results/} keeps the runs that the
 * docs cite; a run writes its file there, and {@code --write-docs} generates docs/performance.md's tables from them.
 */
public final class ResultsFolder {
    /** Where the project keeps its runs, from the repository's root. */
    public static final String PROJECT_FOLDER = "bench/results";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    /** A run as it was read, with the file it came from. */
    public record Saved(Path file, BenchRun run) {
    }

    public ResultsFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the run's file; returns it. */
    public Path write(BenchRun run) {
        Path file = dir.resolve(run.startedAt().replace(':', '-') + (run.quick() ? "-quick" : "") + ".json");
        try {
            Files.createDirectories(dir);
            JSON.writeValue(file.toFile(), run);
            Files.writeString(file, Files.readString(file) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Every run in the folder, oldest first (by file name: their start). */
    public List<Saved> read() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Saved> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                runs.add(new Saved(file, read(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return runs;
    }

    static BenchRun read(Path file) {
        try {
            return JSON.readValue(file.toFile(), BenchRun.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bench's results in " + file, e);
        }
    }
}
