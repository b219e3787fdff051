package pwausers.bench.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The ledger against the table, after a run:
 *
 * <ul>
 *   <li><b>lost</b>: a 201 whose id is not in the table, or is there with other names (an acknowledged write that
 *       did not happen);</li>
 *   <li><b>duplicated</b>: one id announced by 201s of different requests (or two ids for one Idempotency-Key), or
 *       two items with the same names (one request, two entries);</li>
 *   <li><b>phantom</b>: an item that matches no request this run sent;</li>
 *   <li><b>written, not acknowledged</b>: an item that matches a request that got no 201 (an in-flight failure).
 *       Allowed, counted and listed: the client was not told it was stored, and may retry.</li>
 * </ul>
 */
public final class LedgerCheck {
    private LedgerCheck() {
    }

    /**
     * @param lost         what each lost 201 was
     * @param duplicated   what each duplication was
     * @param phantoms     items that no request sent
     * @param unacked      items written by requests that got no 201
     * @param inFlight     the in-flight failures: requests that got no 201
     * @param items        how many items the table holds
     */
    public record Verdict(List<String> lost, List<String> duplicated, List<TableItem> phantoms,
                          List<String> unacked, List<LedgerEntry> inFlight, int items) {
        public boolean clean() {
            return lost.isEmpty() && duplicated.isEmpty() && phantoms.isEmpty();
        }

        /** Each kind of failure found, in a line with its first cases; empty when {@link #clean()}. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (!lost.isEmpty()) {
                problems.add(lost.size() + " lost (201 without its item): " + first(lost));
            }
            if (!duplicated.isEmpty()) {
                problems.add(duplicated.size() + " duplicated: " + first(duplicated));
            }
            if (!phantoms.isEmpty()) {
                problems.add(phantoms.size() + " phantom items (no request sent them): " + first(phantoms));
            }
            return problems;
        }
    }

    /** The first three of a list, for a line of a report. */
    static String first(List<?> items) {
        return items.stream().limit(3).map(Object::toString).collect(Collectors.joining("; "))
                + (items.size() > 3 ? "; ..." : "");
    }

    public static Verdict check(Collection<LedgerEntry> entries, Collection<TableItem> table) {
        Map<String, TableItem> byId = new HashMap<>();
        Map<String, List<TableItem>> itemsByNames = new LinkedHashMap<>();
        List<String> duplicated = new ArrayList<>();
        for (TableItem item : table) {
            if (byId.put(item.id(), item) != null) {
                duplicated.add("the scan returned id " + item.id() + " twice");
            }
            itemsByNames.computeIfAbsent(item.names(), n -> new ArrayList<>()).add(item);
        }
        Map<String, List<LedgerEntry>> requestsByNames = new HashMap<>();
        for (LedgerEntry e : entries) {
            requestsByNames.computeIfAbsent(e.names(), n -> new ArrayList<>()).add(e);
        }

        List<String> lost = new ArrayList<>();
        Map<String, LedgerEntry> firstAckOfId = new HashMap<>();
        Map<String, String> idOfKey = new HashMap<>();
        List<LedgerEntry> inFlight = new ArrayList<>();
        for (LedgerEntry e : entries) {
            if (!e.acknowledged()) {
                inFlight.add(e);
                continue;
            }
            if (e.id() == null) {
                lost.add(e + ": a 201 without an id");
                continue;
            }
            TableItem item = byId.get(e.id());
            if (item == null) {
                lost.add(e + ": id not in the table");
            } else if (!Objects.equals(item.fname(), e.fname()) || !Objects.equals(item.lname(), e.lname())) {
                // a read-back's entry may lack a name (ReadBack.item): that is other names, not a crash
                lost.add(e + ": the table has other names under that id (" + item + ")");
            }
            LedgerEntry other = firstAckOfId.putIfAbsent(e.id(), e);
            if (other != null && (e.key() == null || !Objects.equals(e.key(), other.key()))) {
                duplicated.add("id " + e.id() + " announced to two requests: " + other + " and " + e);
            }
            if (e.key() != null) {
                String before = idOfKey.putIfAbsent(e.key(), e.id());
                if (before != null && !before.equals(e.id())) {
                    duplicated.add("Idempotency-Key " + e.key() + " got two ids: " + before + " and " + e.id());
                }
            }
        }

        List<TableItem> phantoms = new ArrayList<>();
        List<String> unacked = new ArrayList<>();
        for (Map.Entry<String, List<TableItem>> names : itemsByNames.entrySet()) {
            List<TableItem> items = names.getValue();
            List<LedgerEntry> requests = requestsByNames.getOrDefault(names.getKey(), List.of());
            if (requests.isEmpty()) {
                phantoms.addAll(items);
                continue;
            }
            if (items.size() > 1) {
                duplicated.add(items.size() + " items with the names of one submission: " + items);
            }
            if (requests.stream().noneMatch(LedgerEntry::acknowledged)) {
                for (TableItem item : items) {
                    unacked.add(item + " <- " + requests.get(0).outcome());
                }
            }
        }
        inFlight.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return new Verdict(lost, duplicated, phantoms, unacked, inFlight, table.size());
    }
}
