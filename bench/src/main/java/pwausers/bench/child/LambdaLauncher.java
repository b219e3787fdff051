package pwausers.bench.child;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import pwausers.function.contract.Environment;
import pwausers.function.testkit.TestContext;
import pwausers.function.testkit.crac.Core;

/**
 * The function in a fresh JVM, as Lambda's Java runtime runs it: the handler class by name, its public no-argument
 * constructor, {@code handleRequest} on the event's bytes. The bench starts it with Lambda's own JVM flags and the
 * template's {@code JAVA_TOOL_OPTIONS}, and the Node.js peer's {@code launcher.js} does the same for Node.js.
 *
 * <p>Arguments: {@code MODE HANDLER_CLASS RESULT_DIR EVENT_FILE...}, one of
 * <ul>
 *   <li>{@code cold HANDLER RESULT_DIR EVENT}: one cold start, one invocation;</li>
 *   <li>{@code warm HANDLER RESULT_DIR EVENT WARMUP TIMED}: warm invocations in one process;</li>
 *   <li>{@code restore HANDLER RESULT_DIR EVENT KEYED_EVENT_1 KEYED_EVENT_2}: initialised for SnapStart, its priming
 *       run (the JVM started with {@link #CRAC_STAND_IN}), then the first invocations after the (stand-in) restore,
 *       each timed: plain, keyed, plain, keyed.</li>
 *   <li>{@code routes HANDLER RESULT_DIR ROUNDS EVENT...}: the events in turn, ROUNDS times, in one process; in each
 *       event {@value #KEY} becomes the round's own fresh key and {@value #ID} the id of the newest entry created.
 *       It writes {@code spans_ns.txt}: per invocation its start and end on the monotonic clock and the bytes the
 *       function logged.</li>
 * </ul>
 * It writes, in RESULT_DIR, {@code result.properties} ({@code answered_at_ns} on the monotonic clock the bench reads
 * too, {@code cpu_us} or {@code timed_cpu_us} of this process, {@code peak_rss_kib}), {@code answers.jsonl} (every
 * answer as the handler wrote it, one a line) and {@code latencies_ns.txt}; the bench reads and checks them. It then
 * halts: on Lambda the process is frozen after its answer, so nothing after it is timed.
 */
public final class LambdaLauncher {
    private static final long NANOS_PER_TICK = 10_000_000L; // /proc's clock ticks: USER_HZ is 100 on Linux

    private LambdaLauncher() {
    }

    public static void main(String[] args) {
        try {
            Path results = Path.of(args[2]);
            switch (args[0]) {
                case "cold" -> cold(args[1], results, Files.readAllBytes(Path.of(args[3])));
                case "warm" -> warm(args[1], results, Files.readAllBytes(Path.of(args[3])), Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
                case "restore" -> restore(args[1], results, Files.readAllBytes(Path.of(args[3])),
                        Files.readAllBytes(Path.of(args[4])), Files.readAllBytes(Path.of(args[5])));
                case "routes" -> routes(args[1], results, Integer.parseInt(args[3]),
                        java.util.Arrays.copyOfRange(args, 4, args.length));
                default -> throw new IllegalArgumentException("unknown mode " + args[0]
                        + ": cold, warm, restore or routes");
            }
        } catch (Throwable e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        Runtime.getRuntime().halt(0);
    }

    private static void cold(String handlerClass, Path results, byte[] event) throws Exception {
        RequestStreamHandler handler = newHandler(handlerClass);
        byte[] answer = invoke(handler, event, "cold-start");
        long answeredAt = System.nanoTime();
        long cpu = cpuNanos();
        Properties result = new Properties();
        result.setProperty("answered_at_ns", Long.toString(answeredAt));
        result.setProperty("cpu_us", Long.toString(cpu / 1000));
        write(results, result, List.of(answer), null);
    }

    private static void warm(String handlerClass, Path results, byte[] event, int warmup, int timed) throws Exception {
        RequestStreamHandler handler = newHandler(handlerClass);
        List<byte[]> answers = new ArrayList<>(warmup + timed);
        long[] latencies = new long[timed];
        long cpuBefore = 0;
        for (int i = 0; i < warmup + timed; i++) {
            if (i == warmup) {
                cpuBefore = cpuNanos();
            }
            long start = System.nanoTime();
            byte[] answer = invoke(handler, event, "warm-" + i);
            long took = System.nanoTime() - start;
            answers.add(answer);
            if (i >= warmup) {
                latencies[i - warmup] = took;
            }
        }
        Properties result = new Properties();
        result.setProperty("timed_cpu_us", Long.toString((cpuNanos() - cpuBefore) / 1000));
        write(results, result, answers, latencies);
    }

    private static void restore(String handlerClass, Path results, byte[] event, byte[] keyed1, byte[] keyed2)
            throws Exception {
        RequestStreamHandler handler = newHandler(handlerClass);
        checkpointRestore();
        List<byte[]> answers = new ArrayList<>();
        long[] latencies = new long[4];
        byte[][] events = {event, keyed1, event, keyed2};
        for (int i = 0; i < events.length; i++) {
            long start = System.nanoTime();
            answers.add(invoke(handler, events[i], "after-restore-" + i));
            latencies[i] = System.nanoTime() - start;
        }
        write(results, new Properties(), answers, latencies);
    }

    /** In a routes event: the round's Idempotency-Key. */
    public static final String KEY = "${key}";
    /** In a routes event: the id of the newest entry an answer carried. */
    public static final String ID = "${id}";
    private static final java.util.regex.Pattern CREATED_ID =
            java.util.regex.Pattern.compile("PwaUserId\\\\?\"\\s*:\\s*\\\\?\"([A-Za-z0-9_-]{22})");

    private static void routes(String handlerClass, Path results, int rounds, String[] eventFiles) throws Exception {
        RequestStreamHandler handler = newHandler(handlerClass);
        List<String> events = new ArrayList<>();
        for (String file : eventFiles) {
            events.add(Files.readString(Path.of(file)));
        }
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
        List<byte[]> answers = new ArrayList<>();
        StringBuilder spans = new StringBuilder();
        String id = "none-yet";
        for (int round = 0; round < rounds; round++) {
            String key = java.util.UUID.randomUUID().toString();
            for (String event : events) {
                byte[] bytes = event.replace(KEY, key).replace(ID, id).getBytes(StandardCharsets.UTF_8);
                int before = logged.size();
                long start = System.nanoTime();
                byte[] answer = invoke(handler, bytes, "routes-" + answers.size(), log);
                long end = System.nanoTime();
                spans.append(start).append(' ').append(end).append(' ').append(logged.size() - before).append('\n');
                answers.add(answer);
                java.util.regex.Matcher created = CREATED_ID.matcher(new String(answer, StandardCharsets.UTF_8));
                if (created.find()) {
                    id = created.group(1);
                }
            }
            logged.reset();
        }
        Files.writeString(results.resolve("spans_ns.txt"), spans, StandardCharsets.US_ASCII);
        write(results, new Properties(), answers, null);
    }

    /** The JVM flag that hands org.crac's registrations to the stand-in, which runs their hooks: {@link #checkpointRestore}. */
    public static final String CRAC_STAND_IN = "-Dorg.crac.Core.Compat=" + Core.class.getPackageName();

    /**
     * What Lambda does around a SnapStart snapshot: the hooks of every resource registered with org.crac, before the
     * snapshot and after a restore, reached as Lambda's runtime reaches them (org.crac's compat lookup; the child runs
     * with {@link #CRAC_STAND_IN}).
     */
    static void checkpointRestore() throws org.crac.CheckpointException, org.crac.RestoreException {
        org.crac.Core.checkpointRestore();
    }

    /** The handler as the Lambda Java runtime makes it: the class by name, its public no-argument constructor. */
    static RequestStreamHandler newHandler(String className) throws ReflectiveOperationException {
        return (RequestStreamHandler) Class.forName(className).getConstructor().newInstance();
    }

    static byte[] invoke(RequestStreamHandler handler, byte[] event, String requestId) throws IOException {
        return invoke(handler, event, requestId, null);
    }

    /** @param log where the function's logger writes, or null for nowhere */
    static byte[] invoke(RequestStreamHandler handler, byte[] event, String requestId, PrintStream log)
            throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream(512);
        handler.handleRequest(new ByteArrayInputStream(event), answer,
                TestContext.forHarness(requestId, System.getenv(Environment.FUNCTION_NAME), log));
        return answer.toByteArray();
    }

    /** This process's CPU time so far, user and system, all threads (from /proc: no management classes loaded). */
    private static long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK; // utime, stime
    }

    /** This process's peak resident set (VmHWM) in KiB. */
    private static String peakRssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).replace("kB", "").strip();
            }
        }
        return "-1";
    }

    private static void write(Path results, Properties result, List<byte[]> answers, long[] latencies)
            throws IOException {
        result.setProperty("peak_rss_kib", peakRssKib());
        try (OutputStream out = Files.newOutputStream(results.resolve("result.properties"))) {
            result.store(out, null);
        }
        try (OutputStream out = Files.newOutputStream(results.resolve("answers.jsonl"))) {
            for (byte[] answer : answers) {
                out.write(answer);
                out.write('\n');
            }
        }
        if (latencies != null) {
            StringBuilder text = new StringBuilder(latencies.length * 8);
            for (long nanos : latencies) {
                text.append(nanos).append('\n');
            }
            Files.writeString(results.resolve("latencies_ns.txt"), text, StandardCharsets.US_ASCII);
        }
    }
}
