package pwausers.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import pwausers.bench.http.Answers;
import pwausers.function.contract.ResponseFields;

/**
 * The ledger's check where the table is out of reach: every id a 201 announced is read back through the API
 * ({@code GET /pwausers/{id}}), a few at a time. What comes back stands for the table in {@link LedgerCheck}: an id the
 * API does not know (404), or knows with other names, is a lost write. An id whose read never got a telling answer
 * (throttled or busy to the last try) is unverified, which fails the run too: the ledger could not vouch for it.
 */
final class ReadBack {
    private ReadBack() {
    }

    /**
     * @param items      what the API showed of each id: the table as far as this run can see it
     * @param missing    ids it answered 404 for
     * @param unverified ids with no telling answer, each with its last outcome
     */
    record Result(List<TableItem> items, List<String> missing, Map<String, String> unverified) {
    }

    /** Reads each id once (the distinct ids of the 201s among {@code entries}), {@code threads} at a time. */
    static Result read(EntryClient client, Collection<LedgerEntry> entries, int threads) {
        List<TableItem> items = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, String> unverified = new LinkedHashMap<>();
        Map<String, EntryClient.Reply> replies = inParallel(acknowledgedIds(entries), client::get, threads);
        replies.forEach((id, reply) -> {
            if (reply.status() == 200) {
                TableItem item = item(reply.body());
                if (item != null) {
                    items.add(item);
                } else {
                    unverified.put(id, "200 without an entry in its body");
                }
            } else if (reply.status() == 404) {
                missing.add(id);
            } else {
                unverified.put(id, reply.outcome());
            }
        });
        return new Result(items, missing, unverified);
    }

    /** The ids the 201s announced, each once, in the order they came. */
    static List<String> acknowledgedIds(Collection<LedgerEntry> entries) {
        return entries.stream().filter(LedgerEntry::acknowledged).map(LedgerEntry::id)
                .filter(id -> id != null).distinct().toList();
    }

    /** The entry in a 200's body, or null if it has none. */
    static TableItem item(String body) {
        try {
            JsonNode entry = Answers.JSON.readTree(body);
            if (entry == null || !entry.path(ResponseFields.ID).isTextual()) {
                return null;
            }
            return new TableItem(entry.path(ResponseFields.ID).asText(), entry.path(ResponseFields.FIRSTNAME)
                    .asText(null), entry.path(ResponseFields.LASTNAME).asText(null));
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code call} of every id, {@code threads} at a time; the replies by id, in the ids' order. */
    static Map<String, EntryClient.Reply> inParallel(List<String> ids, Function<String, EntryClient.Reply> call,
                                                     int threads) {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(ids);
        Map<String, EntryClient.Reply> replies = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(threads, ids.size())); i++) {
            Thread worker = new Thread(() -> {
                for (String id; (id = queue.poll()) != null; ) {
                    replies.put(id, call.apply(id));
                }
            }, "entry-client-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Map<String, EntryClient.Reply> ordered = new LinkedHashMap<>();
        ids.forEach(id -> ordered.put(id, replies.get(id)));
        return ordered;
    }
}
