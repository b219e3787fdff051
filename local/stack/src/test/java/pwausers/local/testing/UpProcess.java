package pwausers.local.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import pwausers.function.contract.Environment;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.template.LocalApi;

/**
 * {@code ./pwa-users up} as a process of its own, with the command line the script ends with (local/stack's classes
 * and target/lib), on the given ports and data directory. Its output is collected line by line; {@link #close()}
 * kills it and whatever it started.
 */
public final class UpProcess implements AutoCloseable {
    /** The local stack as the build leaves it (local/stack's classes and target/lib), as {@code ./pwa-users} runs it. */
    public static final String CLASS_PATH = classPath(ProjectFiles.root().resolve("local/stack/target"));

    private static final Duration BANNER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration OUTPUT_END_TIMEOUT = Duration.ofSeconds(5);

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
    private final CompletableFuture<Void> outputEnd = new CompletableFuture<>();

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

    /**
     * Starts {@code up} with more environment variables (JAVA_TOOL_OPTIONS, say) and more arguments (--no-reload,
     * --parameter NAME=VALUE, say).
     */
    public static UpProcess start(Path stateDir, Path data, Ports ports, Map<String, String> environment,
                                  String... arguments) {
        List<String> up = new ArrayList<>(List.of("up", "--port", Integer.toString(ports.api()),
                "--lambda-port", Integer.toString(ports.lambda()), "--dynamodb-port", Integer.toString(ports.dynamodb()),
                "--data", data.toString()));
        up.addAll(List.of(arguments));
        ProcessBuilder builder = command(stateDir, up.toArray(String[]::new)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            return new UpProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start up", e);
        }
    }

    /** The arguments that put the stage's throttle out of reach, for a test that sends bursts to {@code up}. */
    public static String[] throttleOutOfReach() {
        return LocalApi.THROTTLE_OUT_OF_REACH.entrySet().stream()
                .flatMap(e -> Stream.of("--parameter", e.getKey() + "=" + e.getValue())).toArray(String[]::new);
    }

    /**
     * The command line {@code ./pwa-users} ends with (its JVM flags for the command, local/stack's classes and
     * target/lib), with these arguments ({@code invoke EVENT}, say), in the repository, with no AWS settings, table
     * name or origin from this shell.
     *
     * @param stateDir where {@code up} writes up.properties and {@code invoke} reads it; also HOME (no ~/.aws)
     */
    public static ProcessBuilder command(Path stateDir, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmFlags(arguments.length > 0 ? arguments[0] : ""));
        command.addAll(List.of("-Dpwausers.root=" + ProjectFiles.root(), "-Dpwausers.stateDir=" + stateDir,
                "-cp", CLASS_PATH, "pwausers.local.PwaUsersCli"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ProjectFiles.root().toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals(Environment.TABLE_NAME)
                || k.equals(Environment.IDEMPOTENCY_TABLE_NAME) || k.equals(Environment.ALLOWED_ORIGIN));
        builder.environment().put("HOME", stateDir.toString());
        return builder;
    }

    /**
     * The JVM flags {@code ./pwa-users} runs a command of the local stack with, read from the script (their one place):
     * its {@code QUICK_JVM} for {@code invoke}, its {@code UP_JVM} for {@code up} and the rest.
     */
    public static List<String> jvmFlags(String command) {
        String array = command.equals("invoke") ? "QUICK_JVM" : "UP_JVM";
        try (Stream<String> lines = Files.lines(ProjectFiles.root().resolve("pwa-users"))) {
            String line = lines.filter(l -> l.startsWith(array + "=(")).findFirst()
                    .orElseThrow(() -> new AssertionError("./pwa-users sets no " + array));
            String flags = line.substring(array.length() + 2, line.indexOf(')'));
            return flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the banner; fails with everything it printed if it exits or does not print it in time, and then kills
     * it and what it started ({@link #close()}): a caller that gets no UpProcess back cannot close it.
     */
    public UpProcess awaitBanner() {
        boolean printed;
        try {
            printed = banner.get(BANNER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            printed = false;
        }
        if (!printed || !process.isAlive()) {
            String output = output();
            close();
            throw new AssertionError("up did not start:\n" + output);
        }
        return this;
    }

    /**
     * Waits for it to exit (on its own, or on a signal the test sent) and returns its exit code; {@link #output()}
     * then holds what it printed last (its output read to the end, for 5 s at most).
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("up did not exit within " + timeout + ":\n" + output());
            }
            outputEnd.get(OUTPUT_END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            // a process it left behind holds its output open: what was read is what the caller gets
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

    /** How many lines it has printed so far: a mark for {@link #outputSince(int)}. */
    public int lineCount() {
        synchronized (output) {
            return output.size();
        }
    }

    /** The lines it printed after the first {@code mark} (a {@link #lineCount()}): what came of a test's requests. */
    public List<String> outputSince(int mark) {
        synchronized (output) {
            return List.copyOf(output.subList(mark, output.size()));
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
        outputEnd.complete(null);
    }

    /** Kills it and everything it started (SIGKILL): for clean-up after a test, whatever the test did. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String classPath(Path target) {
        return target.resolve("classes") + ":" + target.resolve("lib") + "/*";
    }
}
