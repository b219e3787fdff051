package pwausers.local.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running {@code ./pwa-users up} tells other commands ({@code invoke}): its process and its DynamoDB
 * endpoint, in {@code .pwa-users/up.properties} under the repository root while it runs (the system property
 * {@code pwausers.stateDir} moves it, for the tests).
 */
public record UpState(long pid, String dynamodbEndpoint, String apiUrl, String lambdaUrl) {

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
            return Optional.of(new UpState(Long.parseLong(p.getProperty("pid")), p.getProperty("dynamodb"),
                    p.getProperty("api"), p.getProperty("lambda")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
