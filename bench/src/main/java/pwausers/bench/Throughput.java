package pwausers.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import pwausers.bench.child.RawHttpConnection;
import pwausers.bench.child.RawPutItem;

/**
 * Closed-loop load at a fixed concurrency: N threads, each with its own kept-alive connection, each sending its next
 * request as soon as the last is answered, for a bounded time. Bounded in time and loopback-only.
 */
final class Throughput {
    /** A run's outcome: answers per second, and how many answers were not the expected status. */
    record Result(double perSecond, long answered, long bad) {
    }

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

    /** The workshop's form POSTed to the gateway's /pwausers, 201 expected. */
    static Caller gatewayPost(URI baseUrl) {
        String base = baseUrl.getPath() == null ? "" : baseUrl.getPath().replaceAll("/+$", "");
        byte[] body = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}".getBytes(StandardCharsets.UTF_8);
        return () -> {
            RawHttpConnection connection = new RawHttpConnection(baseUrl);
            return new AutoCloseableCall() {
                @Override public boolean send() throws IOException {
                    return connection.post(base + "/pwausers", "Content-Type: application/json\r\n", body).status() == 201;
                }
                @Override public void close() throws IOException { connection.close(); }
            };
        };
    }

    /** Warms up for warmup, then counts answers for measure, at the given concurrency. */
    static Result run(Caller caller, int concurrency, Duration warmup, Duration measure) {
        AtomicLong answered = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        long begin = System.nanoTime();
        long countFrom = begin + warmup.toNanos();
        long end = countFrom + measure.toNanos();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                try (AutoCloseableCall call = caller.open()) {
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        boolean good = call.send();
                        if (now >= countFrom) {
                            answered.incrementAndGet();
                            if (!good) {
                                bad.incrementAndGet();
                            }
                        }
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
        return new Result(answered.get() / (measure.toNanos() / 1e9), answered.get(), bad.get());
    }
}
