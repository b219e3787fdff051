package pwausers.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One child process, timed from outside: from just before it is spawned to the moment its exit is seen.
 *
 * @param wallNanos  process start to exit
 * @param exitCode   its exit code (0: it answered 201)
 * @param output     its stdout and stderr
 */
record ChildRun(long wallNanos, int exitCode, String output) {
    private static final Pattern PEAK_RSS = Pattern.compile("peak_rss_kib=(\\d+)");

    /** Runs the command in dir with exactly env (nothing inherited), output to a scratch file, within timeout. */
    static ChildRun run(List<String> command, Path dir, Map<String, String> env, Path scratch, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(scratch.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                return new ChildRun(System.nanoTime() - start, -1,
                        "timed out after " + timeout.toSeconds() + " s: " + read(scratch));
            }
            long wall = System.nanoTime() - start;
            return new ChildRun(wall, process.exitValue(), read(scratch));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    boolean ok() {
        return exitCode == 0;
    }

    /** The child's own report of its peak resident set, in MiB, or NaN if it gave none. */
    double peakRssMib() {
        Matcher m = PEAK_RSS.matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
    }

    double wallMillis() {
        return wallNanos / 1e6;
    }

    /** The first lines of the output, for an error message. */
    String head() {
        String[] lines = output.split("\n", 12);
        return String.join("\n", List.of(lines).subList(0, Math.min(lines.length, 11)));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
