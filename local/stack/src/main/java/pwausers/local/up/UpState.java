package pwausers.local.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a running {@code ./pwa-users up} tells other commands ({@code invoke}): its process, and once it serves, its
 * endpoints, the template parameters and the {@code --env-vars} file it runs the functions with.
 *
 * <p>Each {@code up} has a file of its own, {@code .pwa-users/up-PID.properties} under the repository root (the
 * system property {@code pwausers.stateDir} moves the folder, for the tests), written as it begins, rewritten once it
 * serves, and deleted by that {@code up} alone as it ends: an {@code up} that comes and goes on other data never
 * hides one that still runs. A file whose process is gone (an {@code up} killed with kill -9), or whose pid another
 * process now has (its start time differs), describes nothing that runs.
 *
 * @param started  when the process started, to tell it from a later one with the same pid; null if the OS won't say
 * @param dynamodbEndpoint null while it starts, as are the other endpoints
 * @param envVars  the --env-vars file, or null
 */
public record UpState(long pid, Instant started, String dynamodbEndpoint, String apiUrl, String lambdaUrl,
                      Map<String, String> parameters, Path envVars) {
    private static final String PREFIX = "up-";
    private static final String SUFFIX = ".properties";
    private static final String PARAMETER = "parameter.";

    public UpState {
        parameters = Map.copyOf(parameters);
    }

    /** This process, starting: no endpoint yet. */
    static UpState starting(ProcessHandle process) {
        return new UpState(process.pid(), process.info().startInstant().orElse(null), null, null, null, Map.of(), null);
    }

    /** This state, serving at these endpoints with these settings. */
    UpState serving(String dynamodbEndpoint, String apiUrl, String lambdaUrl, Map<String, String> parameters,
                    Path envVars) {
        return new UpState(pid, started, dynamodbEndpoint, apiUrl, lambdaUrl, parameters, envVars);
    }

    /** Whether it serves (its endpoints are known), rather than still starting. */
    public boolean isServing() {
        return dynamodbEndpoint != null;
    }

    /** The folder of the state files: {@code .pwa-users} in the repository, or {@code pwausers.stateDir}. */
    public static Path folder(Path root) {
        String dir = System.getProperty("pwausers.stateDir");
        return dir != null ? Path.of(dir) : root.resolve(".pwa-users");
    }

    /** This {@code up}'s own file. */
    public Path file(Path root) {
        return folder(root).resolve(PREFIX + pid + SUFFIX);
    }

    /**
     * Writes this {@code up}'s file, whole or not at all (a reader never sees half of it), and deletes the files of
     * {@code up}s that are gone (killed before they could delete their own).
     */
    void write(Path root) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        if (started != null) {
            p.setProperty("started", started.toString());
        }
        if (isServing()) {
            p.setProperty("dynamodb", dynamodbEndpoint);
            p.setProperty("api", apiUrl);
            p.setProperty("lambda", lambdaUrl);
            parameters.forEach((name, value) -> p.setProperty(PARAMETER + name, value));
            if (envVars != null) {
                p.setProperty("envVars", envVars.toAbsolutePath().toString());
            }
        }
        Path file = file(root);
        Files.createDirectories(file.getParent());
        Path draft = Files.createTempFile(file.getParent(), PREFIX + pid + "-", ".draft");
        try {
            try (var out = Files.newBufferedWriter(draft, StandardCharsets.UTF_8)) {
                p.store(out, "written by ./pwa-users up (pid " + pid + ") while it runs");
            }
            Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(draft);
        }
        for (Path gone : files(root)) {
            if (read(gone).filter(UpState::isRunning).isEmpty()) {
                Files.deleteIfExists(gone);
            }
        }
    }

    /** Deletes this {@code up}'s own file, and no other. */
    void delete(Path root) {
        try {
            Files.deleteIfExists(file(root));
        } catch (IOException e) {
            // left behind, it describes a process that is gone: readers ignore it, the next up deletes it
        }
    }

    /** The {@code up}s of this repository that run now, serving or starting, the latest started first. */
    public static List<UpState> running(Path root) {
        List<UpState> running = new ArrayList<>();
        try {
            for (Path file : files(root)) {
                read(file).filter(UpState::isRunning).ifPresent(running::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder(root), e);
        }
        running.sort(Comparator.comparing(UpState::started, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingLong(UpState::pid).reversed());
        return running;
    }

    /** Whether its process runs: that pid is alive and, where the OS says, started when this one did. */
    private boolean isRunning() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> started == null || p.info().startInstant().map(started::equals).orElse(true))
                .isPresent();
    }

    private static List<Path> files(Path root) throws IOException {
        Path folder = folder(root);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, PREFIX + "*" + SUFFIX)) {
            entries.forEach(files::add);
        }
        return files;
    }

    /** The state in that file; empty if it is gone meanwhile or is not one (files are written whole). */
    private static Optional<UpState> read(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            Map<String, String> parameters = new TreeMap<>();
            p.stringPropertyNames().stream().filter(k -> k.startsWith(PARAMETER))
                    .forEach(k -> parameters.put(k.substring(PARAMETER.length()), p.getProperty(k)));
            String started = p.getProperty("started");
            String envVars = p.getProperty("envVars");
            return Optional.of(new UpState(Long.parseLong(p.getProperty("pid")),
                    started == null ? null : Instant.parse(started), p.getProperty("dynamodb"), p.getProperty("api"),
                    p.getProperty("lambda"), parameters, envVars == null ? null : Path.of(envVars)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
