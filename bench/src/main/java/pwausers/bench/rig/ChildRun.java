package pwausers.bench.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import pwausers.bench.http.Answers;
import pwausers.bench.report.Percentiles;

/**
 * One child process and what it left in its result directory (see {@code LambdaLauncher} and {@code launcher.js}):
 * its {@code result.properties}, its answers, its timed latencies. Timed from outside from just before it is
 * spawned; the child says on the same monotonic clock when its answer was ready.
 *
 * @param what       what it was, for messages
 * @param startNanos {@link System#nanoTime()} just before the spawn
 * @param exitCode   its exit code (-1: killed after the timeout)
 * @param log        its stdout and stderr
 * @param result     its result.properties (empty if it wrote none)
 * @param answers    the handler's answers, in order
 * @param latencies  the timed invocations' latencies in nanoseconds
 */
public record ChildRun(String what, long startNanos, int exitCode, String log, Properties result, List<byte[]> answers,
                long[] latencies) {

    /** Runs the command in dir with exactly env (nothing inherited), its results in a fresh directory. */
    public static ChildRun run(String what, List<String> command, Path dir, Map<String, String> env, Path results,
                        Duration timeout) {
        try {
            deleteTree(results);
            Files.createDirectories(results);
            Path log = results.resolve("log.txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            int exit;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = process.exitValue();
            } else {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                exit = -1;
            }
            return new ChildRun(what, start, exit, Files.readString(log, StandardCharsets.UTF_8),
                    properties(results.resolve("result.properties")), answers(results.resolve("answers.jsonl")),
                    latencies(results.resolve("latencies_ns.txt")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + what, e);
        }
    }

    /** Whether it ran to its end and every answer was the workshop's 201; else what went wrong (see {@link #problem}). */
    public boolean ok() {
        return problem() == null;
    }

    /** What went wrong, or null: a failed process, no result, or an answer that is not the workshop's 201. */
    public String problem() {
        if (exitCode != 0 || result.isEmpty()) {
            return what + ": exit " + exitCode + (result.isEmpty() ? ", no result" : "") + "\n" + logHead();
        }
        for (int i = 0; i < answers.size(); i++) {
            String problem = Answers.problem(answers.get(i));
            if (problem != null) {
                return what + ": answer " + (i + 1) + " of " + answers.size() + ": " + problem;
            }
        }
        return answers.isEmpty() ? what + ": no answer" : null;
    }

    /** From the spawn to the moment the answer was ready, in milliseconds (a cold start). */
    public double millisToAnswer() {
        return (Long.parseLong(result.getProperty("answered_at_ns")) - startNanos) / 1e6;
    }

    /** CPU time of the whole process (user and system, every thread) up to its answer, in milliseconds. */
    public double cpuMillis() {
        return Long.parseLong(result.getProperty("cpu_us")) / 1e3;
    }

    /** CPU time of the whole process per timed invocation, in microseconds (warm runs). */
    public double cpuMicrosPerCall() {
        return Long.parseLong(result.getProperty("timed_cpu_us")) / (double) latencies.length;
    }

    public double peakRssMib() {
        return Long.parseLong(result.getProperty("peak_rss_kib", "-1")) / 1024.0;
    }

    /** The q-quantile of the timed latencies, in microseconds. */
    public double latencyMicros(double q) {
        double[] micros = new double[latencies.length];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = latencies[i] / 1e3;
        }
        return Percentiles.of(micros, q);
    }

    /** The first lines of the output, for an error message. */
    public String logHead() {
        return log.lines().limit(12).reduce((a, b) -> a + "\n" + b).orElse("(no output)");
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static List<byte[]> answers(Path file) throws IOException {
        List<byte[]> answers = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    answers.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return answers;
    }

    private static long[] latencies(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new long[0];
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).mapToLong(l -> Long.parseLong(l.strip())).toArray();
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
