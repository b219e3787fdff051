package pwausers.bench.load;

/** One item of the users' table, as the ledger check reads it. */
public record TableItem(String id, String fname, String lname) {
    String names() {
        return LedgerEntry.namesKey(fname, lname);
    }

    @Override
    public String toString() {
        return id + " " + fname + " " + lname;
    }
}
