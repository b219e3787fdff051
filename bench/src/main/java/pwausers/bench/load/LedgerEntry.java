package pwausers.bench.load;

/**
 * One request the harness sent and what came of it.
 *
 * @param seq          the request's number in its run
 * @param client       who sent it: {@code load} (the closed-loop clients), {@code slow} (a body dribbled slowly),
 *                     {@code abort} (a client that hung up mid-body), {@code idem} (the one-key burst)
 * @param fname        the first name sent
 * @param lname        the last name sent (unique per request, except in the one-key burst)
 * @param key          the Idempotency-Key sent, or null
 * @param startNanos   when it was sent ({@link System#nanoTime()})
 * @param endNanos     when its answer (or error) came
 * @param status       the HTTP status, or 0 when no answer came (see {@code error})
 * @param id           the PwaUserId of a 201, else null
 * @param retryAfter   the Retry-After header, or null
 * @param replayed     whether the answer said {@code Idempotent-Replayed: true}
 * @param error        what went wrong on the client side (timeout, reset, hung up on purpose), or null
 */
public record LedgerEntry(long seq, String client, String fname, String lname, String key, long startNanos,
                          long endNanos, int status, String id, String retryAfter, boolean replayed, String error) {

    public long latencyNanos() {
        return endNanos - startNanos;
    }

    public boolean acknowledged() {
        return status == 201;
    }

    /** A request that may or may not have written: any answer but a 201, or none. */
    public boolean inFlightFailure() {
        return status != 201;
    }

    /**
     * Whether it may have stored an entry without saying so: no answer, or a 5xx. Never a 429 (the stage throttles
     * before the function runs) nor another 4xx (the function writes nothing for a request it refuses).
     */
    public boolean mayHaveWritten() {
        return status == 0 || status >= 500;
    }

    /** The names as one key: what ties an item in the table to the request that sent it. */
    public String names() {
        return namesKey(fname, lname);
    }

    static String namesKey(String fname, String lname) {
        return fname + '\0' + lname;
    }

    /** How it ended, for the listings: the status (and Retry-After), or the client-side error. */
    public String outcome() {
        if (status == 0) {
            return "no answer: " + error;
        }
        return status + (retryAfter == null ? "" : " (Retry-After " + retryAfter + ")")
                + (error == null ? "" : " " + error);
    }

    @Override
    public String toString() {
        return "#" + seq + " " + client + " " + fname + " " + lname + (key == null ? "" : " key " + key) + " -> "
                + outcome() + (id == null ? "" : " id " + id) + String.format(" in %.0f ms", latencyNanos() / 1e6);
    }
}
