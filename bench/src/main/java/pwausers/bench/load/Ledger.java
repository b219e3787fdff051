package pwausers.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** Every request a run sent and every answer it got, written from many threads at once. */
public final class Ledger {
    private final String run;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedQueue<LedgerEntry> entries = new ConcurrentLinkedQueue<>();

    /** @param run a short tag unique to this run, part of every last name it sends */
    public Ledger(String run) {
        this.run = run;
    }

    public String run() {
        return run;
    }

    /** The next request number. */
    public long nextSeq() {
        return sequence.getAndIncrement();
    }

    /** The unique last name of request {@code seq}: {@code r000123-<run>}. */
    public String lastNameOf(long seq) {
        return String.format("r%06d-%s", seq, run);
    }

    public void record(LedgerEntry entry) {
        entries.add(entry);
    }

    public List<LedgerEntry> entries() {
        return new ArrayList<>(entries);
    }
}
