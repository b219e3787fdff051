package pwausers.local.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import pwausers.local.engine.ProjectFiles;

/**
 * {@code ./pwa-users up} as a process of its own, with the command line the script ends with (the module's classes
 * and target/lib), on the given ports and data directory. Its output is collected line by line; {@link #close()}
 * kills it and whatever it started.
 */
public final class UpProcess implements AutoCloseable {
    private static final Duration BANNER_TIMEOUT = Duration.ofSeconds(90);

    /** Three free loopback ports: the API's, the Invoke API's, DynamoDB's. */
    public record Ports(int api, int lambda, int dynamodb) {
        public static Ports free() {
            try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket c = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return new Ports(a.getLocalPort(), b.getLocalPort(), c.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public URI api(String path) {
            return URI.create("http://localhost:" + api + path);
        }

        public URI dynamodbEndpoint() {
            return URI.create("http://localhost:" + dynamodb);
        }
    }

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Boolean> banner = new CompletableFuture<>();

    private UpProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "up-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code up} and returns at once; {@link #awaitBanner()} waits until it is up.
     *
     * @param stateDir where it writes up.properties (never the repository's own .pwa-users)
     */
    public static UpProcess start(Path stateDir, Path data, Ports ports) {
        return start(stateDir, data, ports, Map.of());
    }

    /** Starts {@code up} with more environment variables (JAVA_TOOL_OPTIONS, say). */
    public static UpProcess start(Path stateDir, Path data, Ports ports, Map<String, String> environment) {
        Path target = Path.of("target").toAbsolutePath();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dpwausers.root=" + ProjectFiles.root(), "-Dpwausers.stateDir=" + stateDir,
                "-cp", target.resolve("classes") + ":" + target.resolve("lib") + "/*", "pwausers.local.PwaUsersCli",
                "up", "--port", Integer.toString(ports.api()), "--lambda-port", Integer.toString(ports.lambda()),
                "--dynamodb-port", Integer.toString(ports.dynamodb()), "--data", data.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectFiles.root().toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("TABLE_NAME") || k.equals("ALLOWED_ORIGIN"));
        builder.environment().put("HOME", stateDir.toString());
        builder.environment().putAll(environment);
        try {
            return new UpProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start up", e);
        }
    }

    /** Waits for the banner; fails with everything it printed if it exits or does not print it in time. */
    public UpProcess awaitBanner() {
        boolean printed;
        try {
            printed = banner.get(BANNER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            printed = false;
        }
        if (!printed || !process.isAlive()) {
            throw new AssertionError("up did not start:\n" + output());
        }
        return this;
    }

    /** Waits for it to exit on its own and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("up did not exit within " + timeout + ":\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** The DynamoDB engine it started (its one descendant that runs node). */
    public ProcessHandle engine() {
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/node")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("up " + pid() + " runs no engine:\n" + output()));
    }

    /** Everything it printed so far, stdout and stderr. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith("  Data")) {
                    banner.complete(true);
                }
            }
        } catch (IOException e) {
            // it ended
        }
        banner.complete(false);
    }

    /** Kills it and everything it started (SIGKILL): for clean-up after a test, whatever the test did. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
