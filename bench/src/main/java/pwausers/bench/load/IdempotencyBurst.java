package pwausers.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The idempotency scenario, on the local stack or a deployment: {@code n} requests with one Idempotency-Key and one
 * body, released together, then one retry once they are answered. Exactly one entry may be stored, every 201 must carry
 * its id, the others must be 409 with Retry-After (or the stage's 429, where it throttles), and the retry must get the
 * first 201 again ({@code Idempotent-Replayed: true}). A throttled retry is tried again after a {@link Backoff}.
 */
final class IdempotencyBurst {
    /** The most tries of the retry after the burst, while the stage throttles it. */
    static final int RETRY_ATTEMPTS = 6;

    /** What the table shows after the run: a scan of it, or the ids of the 201s read back through the API. */
    @FunctionalInterface
    interface TableView {
        /** The items, saying in {@code failures} what kept it from seeing them all. */
        List<TableItem> items(List<LedgerEntry> entries, List<String> failures);
    }

    private IdempotencyBurst() {
    }

    /**
     * @param stageThrottles whether a 429 of the stage is an expected answer (a deployment, or {@code up} at the
     *                       template's limits), not a failure
     * @param readBack       whether {@code table} reads the 201s back rather than scanning the table
     */
    static ScenarioResult run(FormClient client, Ledger ledger, int n, boolean stageThrottles, TableView table,
                              boolean readBack) {
        String key = "loadtest-" + ledger.run();
        String lname = "k-" + ledger.run();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seq = ledger.nextSeq();
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                client.post(seq, "idem", "Idem", lname, key);
            }, "same-key-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long start = System.nanoTime();
        try {
            ready.await();
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long wall = System.nanoTime() - start;
        LedgerEntry retry = retry(client, ledger, lname, key, stageThrottles);

        List<String> failures = new ArrayList<>();
        List<LedgerEntry> entries = ledger.entries();
        List<TableItem> items = table.items(entries, failures);
        LedgerCheck.Verdict verdict = LedgerCheck.check(entries, items);
        failures.addAll(verdict.problems());
        long stored = items.stream().filter(i -> lname.equals(i.lname())).count();
        if (stored != 1) {
            failures.add(stored + " items stored for one Idempotency-Key, not 1");
        }
        List<String> ids = ReadBack.acknowledgedIds(entries);
        if (ids.size() != 1) {
            failures.add("the 201s carry " + ids.size() + " ids, not 1: " + ids);
        }
        boolean burstStored = entries.stream().anyMatch(e -> e.client().equals("idem") && e.acknowledged());
        for (LedgerEntry e : entries) {
            if (e.client().equals("idem") && e.status() != 201 && e.status() != 409
                    && !(stageThrottles && e.status() == 429)) {
                failures.add("a same-key request got " + e.outcome() + ", not 201, 409"
                        + (stageThrottles ? " or 429" : ""));
            }
            if (e.status() == 409 && e.retryAfter() == null) {
                failures.add("a 409 without Retry-After: " + e);
            }
        }
        // the retry replays the burst's 201; when the stage throttled the whole burst, the retry is the first to store
        if (retry.status() != 201 || (burstStored && !retry.replayed())
                || (ids.size() == 1 && !ids.get(0).equals(retry.id()))) {
            failures.add("the retry after the burst got " + retry.outcome() + (retry.replayed() ? ", replayed" : "")
                    + ", not the first 201" + (burstStored ? " replayed" : ""));
        }
        long replayed = entries.stream().filter(LedgerEntry::replayed).count();
        List<String> notes = new ArrayList<>();
        notes.add(String.format("%d same-key requests at once: %d items, %d ids, %d answers replayed (incl. the retry"
                + " after the burst: %s)", n, stored, ids.size(), replayed, retry.outcome()));
        return new ScenarioResult(Scenario.IDEMPOTENCY, n + " requests, one key", entries, wall, verdict, failures,
                "", notes, readBack);
    }

    /** The retry after the burst; tried again, after a backoff, while the stage throttles it. */
    private static LedgerEntry retry(FormClient client, Ledger ledger, String lname, String key, boolean stageThrottles) {
        Backoff backoff = new Backoff();
        LedgerEntry retry = client.post(ledger.nextSeq(), "retry", "Idem", lname, key);
        for (int attempt = 2; stageThrottles && retry.status() == 429 && attempt <= RETRY_ATTEMPTS; attempt++) {
            backoff.refused(retry.retryAfter());
            backoff.awaitTurn();
            retry = client.post(ledger.nextSeq(), "retry", "Idem", lname, key);
        }
        return retry;
    }
}
