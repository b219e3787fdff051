package pwausers.bench.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import pwausers.function.contract.HeaderNames;

/**
 * Reads ({@code GET /pwausers/{id}}) and deletes ({@code DELETE /pwausers/{id}}) entries of a deployment, as a client
 * should: a refusal that says to come back (429 of the stage's throttle, 503 with Retry-After), a gateway's 502 or
 * 504, or no answer, is tried again after a {@link Backoff} shared by every thread, at most {@value #ATTEMPTS} times in
 * all. Counts every request it sends, by method and status.
 */
final class EntryClient {
    /** The most tries of one read or delete. */
    static final int ATTEMPTS = 6;
    private final HttpClient http;
    private final ApiUrl api;
    private final Duration timeout;
    private final Backoff backoff = new Backoff();
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();

    /** The last answer to one read or delete: its status (0: none came), body, and how many tries it took. */
    record Reply(int status, String body, int attempts, String error) {
        String outcome() {
            return (status == 0 ? "no answer (" + error + ")" : Integer.toString(status))
                    + (attempts > 1 ? " after " + attempts + " tries" : "");
        }
    }

    EntryClient(ApiUrl api, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.api = api;
        this.timeout = timeout;
    }

    Reply get(String id) {
        return send("GET", id);
    }

    Reply delete(String id) {
        return send("DELETE", id);
    }

    /** How many requests were sent, by {@code METHOD status} ({@code 0}: no answer). */
    Map<String, Long> sent() {
        Map<String, Long> counts = new TreeMap<>();
        sent.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    private Reply send(String method, String id) {
        HttpRequest request = HttpRequest.newBuilder(api.entry(id)).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        Reply reply = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long sentAt = backoff.awaitTurn();
            String retryAfter = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                retryAfter = response.headers().firstValue(HeaderNames.RETRY_AFTER).orElse(null);
                reply = new Reply(response.statusCode(), response.body(), attempt, null);
            } catch (IOException e) {
                reply = new Reply(0, "", attempt, e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(0, "", attempt, "interrupted");
            }
            sent.computeIfAbsent(method + " " + reply.status(), k -> new AtomicLong()).incrementAndGet();
            if (!worthRetrying(reply.status(), retryAfter)) {
                backoff.answered(sentAt);
                return reply;
            }
            backoff.refused(retryAfter);
        }
        return reply;
    }

    /** An answer that says nothing about the entry yet: throttled, busy, a gateway's timeout, or none at all. */
    static boolean worthRetrying(int status, String retryAfter) {
        return status == 0 || status == 429 || status == 502 || status == 504 || (status == 503 && retryAfter != null);
    }
}
