package pwausers.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import pwausers.bench.http.Answers;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.ResponseFields;

/**
 * POSTs the form to an API's {@code /pwausers} over real HTTP (java.net.http, HTTP/1.1, kept-alive connections) and
 * writes each request and its answer, or its failure, to the ledger.
 */
final class FormClient {
    private final HttpClient http;
    private final URI endpoint;
    private final Duration timeout;
    private final Ledger ledger;

    /**
     * @param api     where the API answers
     * @param timeout the client's own bound on one request: above the function's, so that a hang shows as one
     */
    FormClient(ApiUrl api, Duration timeout, Ledger ledger) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.endpoint = api.submissions();
        this.timeout = timeout;
        this.ledger = ledger;
    }

    /** Sends one unique submission ({@code fname}, the ledger's unique last name) and records it. */
    LedgerEntry postUnique(String client, String fname) {
        long seq = ledger.nextSeq();
        return post(seq, client, fname, ledger.lastNameOf(seq), null);
    }

    /** Sends one submission, with an Idempotency-Key when {@code key} is not null, and records it. */
    LedgerEntry post(long seq, String client, String fname, String lname, String key) {
        String body = Answers.JSON.createObjectNode().put("fname", fname).put("lname", lname).toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header(HeaderNames.IDEMPOTENCY_KEY, key);
        }
        long start = System.nanoTime();
        LedgerEntry entry;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long end = System.nanoTime();
            String id = null;
            if (response.statusCode() == 201) {
                id = Answers.idOfBody(response.body());
            }
            entry = new LedgerEntry(seq, client, fname, lname, key, start, end, response.statusCode(), id,
                    response.headers().firstValue(HeaderNames.RETRY_AFTER).orElse(null),
                    response.headers().firstValue(HeaderNames.IDEMPOTENT_REPLAYED).map("true"::equalsIgnoreCase)
                            .orElse(false),
                    response.statusCode() == 201 && id == null ? "201 without a " + ResponseFields.ID : null);
        } catch (HttpTimeoutException e) {
            entry = failed(seq, client, fname, lname, key, start, "timed out after " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            entry = failed(seq, client, fname, lname, key, start, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entry = failed(seq, client, fname, lname, key, start, "interrupted");
        }
        ledger.record(entry);
        return entry;
    }

    private static LedgerEntry failed(long seq, String client, String fname, String lname, String key, long start,
                                      String error) {
        return new LedgerEntry(seq, client, fname, lname, key, start, System.nanoTime(), 0, null, null, false, error);
    }
}
