package pwausers.local.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a running {@code ./pwa-users up} tells other commands ({@code invoke}): its process, its DynamoDB endpoint,
 * the template parameters and the {@code --env-vars} file it runs the functions with, in
 * {@code .pwa-users/up.properties} under the repository root while it runs (the system property
 * {@code pwausers.stateDir} moves it, for the tests).
 *
 * @param envVars the --env-vars file, or null
 */
public record UpState(long pid, String dynamodbEndpoint, String apiUrl, String lambdaUrl, Map<String, String> parameters,
                      Path envVars) {
    private static final String PARAMETER = "parameter.";

    public UpState {
        parameters = Map.copyOf(parameters);
    }

    public static Path file(Path root) {
        String dir = System.getProperty("pwausers.stateDir");
        return (dir != null ? Path.of(dir) : root.resolve(".pwa-users")).resolve("up.properties");
    }

    void write(Path root) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("dynamodb", dynamodbEndpoint);
        p.setProperty("api", apiUrl);
        p.setProperty("lambda", lambdaUrl);
        parameters.forEach((name, value) -> p.setProperty(PARAMETER + name, value));
        if (envVars != null) {
            p.setProperty("envVars", envVars.toAbsolutePath().toString());
        }
        Path file = file(root);
        Files.createDirectories(file.getParent());
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "written by ./pwa-users up while it runs");
        }
    }

    static void delete(Path root, long pid) {
        try {
            Optional<UpState> current = read(root);
            if (current.isPresent() && current.get().pid() == pid) {
                Files.deleteIfExists(file(root));
            }
        } catch (IOException e) {
            // nothing to clean up then
        }
    }

    /** The state of an {@code up} that is still running, if there is one. */
    public static Optional<UpState> running(Path root) {
        try {
            return read(root).filter(s -> ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<UpState> read(Path root) throws IOException {
        Path file = file(root);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            Map<String, String> parameters = new TreeMap<>();
            p.stringPropertyNames().stream().filter(k -> k.startsWith(PARAMETER))
                    .forEach(k -> parameters.put(k.substring(PARAMETER.length()), p.getProperty(k)));
            String envVars = p.getProperty("envVars");
            return Optional.of(new UpState(Long.parseLong(p.getProperty("pid")), p.getProperty("dynamodb"),
                    p.getProperty("api"), p.getProperty("lambda"), parameters, envVars == null ? null : Path.of(envVars)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
