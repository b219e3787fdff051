package pwausers.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import pwausers.bench.http.RawHttpConnection;
import pwausers.bench.http.RawPutItem;

/**
 * Closed-loop load at a fixed concurrency: N threads, each with its own kept-alive connection, each sending its next
 * request as soon as the last is answered, for a bounded time. Bounded in time and loopback-only.
 */
final class Throughput {
    /**
     * A run's outcome over its counted window: answers per second, how many answers were not the expected status,
     * the CPU time this JVM spent meanwhile, in all its threads and in the load threads alone, and the engine's
     * processes' (0 when not measured).
     */
    record Result(double perSecond, long answered, long bad, long processCpuNanos, long loadCpuNanos,
                  Map<String, Long> threadCpuNanos, long engineCpuNanos, long functionCpuNanos) {
        /**
         * The local stack's CPU per answer, in microseconds: this JVM's less the load generator's own, and its function
         * processes' (the execution environments).
         */
        double serverCpuMicrosPerAnswer() {
            return (processCpuNanos - loadCpuNanos + functionCpuNanos) / 1e3 / answered;
        }

        /** The function processes' CPU per answer, in microseconds. */
        double functionCpuMicrosPerAnswer() {
            return functionCpuNanos / 1e3 / answered;
        }

        double loadCpuMicrosPerAnswer() {
            return loadCpuNanos / 1e3 / answered;
        }

        /** The engine's CPU per answer, in microseconds (its process and its children). */
        double engineCpuMicrosPerAnswer() {
            return engineCpuNanos / 1e3 / answered;
        }

        /**
         * The CPU per answer of every process that served it, in microseconds: the engine's, the function processes',
         * and this JVM's in all.
         */
        double machineCpuMicrosPerAnswer() {
            return (engineCpuNanos + functionCpuNanos + processCpuNanos) / 1e3 / answered;
        }

        /** The CPU per answer of the threads whose names start with the prefix, in microseconds. */
        double threadCpuMicrosPerAnswer(String namePrefix) {
            return threadCpuNanos.getOrDefault(namePrefix, 0L) / 1e3 / answered;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @FunctionalInterface
    interface Call {
        /** Sends one request; true if it got the expected answer. */
        boolean send() throws IOException;
    }

    @FunctionalInterface
    interface Caller {
        /** A fresh connection's call, and what closes it. */
        AutoCloseableCall open() throws IOException;
    }

    interface AutoCloseableCall extends Call, AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private Throughput() {
    }

    /** Raw PutItem calls on DynamoDB's wire protocol, 200 expected. */
    static Caller rawPutItem(URI dynamodb, String table) {
        return () -> {
            RawPutItem put = new RawPutItem(dynamodb, table);
            return new AutoCloseableCall() {
                @Override public boolean send() throws IOException { return put.put() == 200; }
                @Override public void close() throws IOException { put.close(); }
            };
        };
    }

    /** The workshop's form POSTed to the gateway's path (/pwausers: 201 expected; a path it does not route: 403). */
    static Caller gatewayPost(URI baseUrl, String path, int expected) {
        byte[] body = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}".getBytes(StandardCharsets.UTF_8);
        return () -> {
            RawHttpConnection connection = new RawHttpConnection(baseUrl);
            return new AutoCloseableCall() {
                @Override public boolean send() throws IOException {
                    return connection.post(path, "Content-Type: application/json\r\n", body).status() == expected;
                }
                @Override public void close() throws IOException { connection.close(); }
            };
        };
    }

    /** Warms up for warmup, then counts answers for measure, at the given concurrency. */
    static Result run(Caller caller, int concurrency, Duration warmup, Duration measure) {
        return run(caller, concurrency, warmup, measure, List.of(), () -> 0);
    }

    /**
     * As {@link #run(Caller, int, Duration, Duration)}, and the CPU spent in the counted window by this JVM's threads
     * whose names start with each of the prefixes (a thread that ends within the window is not counted), and by the
     * engine, whose CPU so far {@code engineCpu} tells (see {@link #processTreeCpu(long)}).
     */
    static Result run(Caller caller, int concurrency, Duration warmup, Duration measure, List<String> threadPrefixes,
                      LongSupplier engineCpu) {
        return run(caller, concurrency, warmup, measure, threadPrefixes, engineCpu, () -> 0);
    }

    /** As above, and the CPU of the function's processes, whose CPU so far {@code functionCpu} tells. */
    static Result run(Caller caller, int concurrency, Duration warmup, Duration measure, List<String> threadPrefixes,
                      LongSupplier engineCpu, LongSupplier functionCpu) {
        AtomicLong answered = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        AtomicLong loadCpu = new AtomicLong();
        long[] processCpu = new long[2];
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        long begin = System.nanoTime();
        long countFrom = begin + warmup.toNanos();
        long end = countFrom + measure.toNanos();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                try (AutoCloseableCall call = caller.open()) {
                    long cpuFrom = -1;
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        if (now >= countFrom && cpuFrom < 0) {
                            cpuFrom = THREADS.getCurrentThreadCpuTime();
                        }
                        boolean good = call.send();
                        if (now >= countFrom) {
                            answered.incrementAndGet();
                            if (!good) {
                                bad.incrementAndGet();
                            }
                        }
                    }
                    if (cpuFrom >= 0) {
                        loadCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuFrom);
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "load-" + t);
            thread.start();
            threads.add(thread);
        }
        sleepUntil(countFrom);
        processCpu[0] = processCpuNanos();
        long engineCpuFrom = engineCpu.getAsLong();
        long functionCpuFrom = functionCpu.getAsLong();
        Map<Long, Long> threadCpuFrom = threadCpu();
        sleepUntil(end);
        processCpu[1] = processCpuNanos();
        long engineCpuTo = engineCpu.getAsLong();
        long functionCpuTo = functionCpu.getAsLong();
        Map<Long, Long> threadCpuTo = threadCpu();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() + " load thread(s) failed: " + errors.get(0), errors.get(0));
        }
        return new Result(answered.get() / (measure.toNanos() / 1e9), answered.get(), bad.get(),
                processCpu[1] - processCpu[0], loadCpu.get(), byPrefix(threadPrefixes, threadCpuFrom, threadCpuTo),
                engineCpuTo - engineCpuFrom, functionCpuTo - functionCpuFrom);
    }

    /**
     * The CPU time so far of the processes whose pids are given now (a process that ended meanwhile is not counted):
     * the function's execution environments.
     */
    static LongSupplier processesCpu(java.util.function.Supplier<List<Long>> pids) {
        return () -> pids.get().stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream)
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /**
     * The CPU time so far (user and system, as the kernel counts it in clock ticks) of a process and of its live
     * descendants: another process's share of the machine, such as the engine's.
     */
    static LongSupplier processTreeCpu(long pid) {
        return () -> {
            ProcessHandle process = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("process " + pid + " is not running"));
            return Stream.concat(Stream.of(process), process.descendants())
                    .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                    .sum();
        };
    }

    /** Each live thread's CPU time so far, by thread id. */
    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** The CPU of the window, summed over the threads whose names start with each prefix. */
    private static Map<String, Long> byPrefix(List<String> prefixes, Map<Long, Long> from, Map<Long, Long> to) {
        Map<String, Long> sums = new HashMap<>();
        if (prefixes.isEmpty()) {
            return sums;
        }
        for (Map.Entry<Long, Long> thread : to.entrySet()) {
            ThreadInfo info = THREADS.getThreadInfo(thread.getKey());
            if (info == null) {
                continue;
            }
            for (String prefix : prefixes) {
                if (info.getThreadName().startsWith(prefix)) {
                    sums.merge(prefix, thread.getValue() - from.getOrDefault(thread.getKey(), 0L), Long::sum);
                }
            }
        }
        return sums;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
