package pwausers.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop load: {@code clients} threads, each sending its next request as soon as its last one is answered,
 * until {@code requests} have been sent. Bounded in count; a fault scenario also holds back the last requests
 * (the {@code held} ones) until it {@link #release() releases} them, once the fault is over, so that the run
 * always shows whether the service came back.
 */
final class ClosedLoopLoad {
    private final FormClient client;
    private final int clients;
    private final int requests;
    private final int held;
    private final AtomicInteger tickets = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final CountDownLatch gate;
    private final List<Thread> threads = new ArrayList<>();
    private volatile long startNanos;
    private volatile long endNanos;

    /** @param held how many of the last requests wait for {@link #release()} (0: none) */
    ClosedLoopLoad(FormClient client, int clients, int requests, int held) {
        this.client = client;
        this.clients = clients;
        this.requests = requests;
        this.held = held;
        this.gate = new CountDownLatch(held > 0 ? 1 : 0);
    }

    void start() {
        startNanos = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::loop, "load-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop() {
        while (true) {
            int ticket = tickets.getAndIncrement();
            if (ticket >= requests) {
                return;
            }
            if (ticket >= requests - held) {
                try {
                    if (!gate.await(5, TimeUnit.MINUTES)) {
                        return; // never released: the scenario failed and says so
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            client.postUnique("load", "Load");
            answered.incrementAndGet();
        }
    }

    /** How many requests have been answered (or failed) so far. */
    int answered() {
        return answered.get();
    }

    /** Blocks until {@code count} requests have been answered, or the load has ended. */
    void awaitAnswered(int count) {
        while (answered.get() < count && threads.stream().anyMatch(Thread::isAlive)) {
            LocalTarget.sleep(5);
        }
    }

    /** Lets the held requests go. */
    void release() {
        gate.countDown();
    }

    /** Waits for every client to finish; returns the load's wall time in nanoseconds. */
    long join() {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        endNanos = System.nanoTime();
        return endNanos - startNanos;
    }

    boolean running() {
        return threads.stream().anyMatch(Thread::isAlive);
    }
}
