package pwausers.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.fuzz.FuzzRequest;
import pwausers.function.fuzz.FuzzSettings;
import pwausers.function.fuzz.HostileRequests;
import pwausers.local.up.LocalStack;
import pwausers.local.up.SharedStack;

/**
 * Malformed or hostile requests ({@link FuzzSettings#DEFAULT_TRIES}) through the local gateway over real HTTP, to
 * the real function and engine: never a 5xx, and the table ends with exactly one item per 201 that was not a replay, less one per 204
 * (nothing written for a rejected input, nothing deleted but by a 204); an entry's requests name one that exists
 * now and then. The same inputs every run (a fixed seed); more tries or a random seed:
 * {@code -Dpwausers.fuzz.tries=N}, {@code -Dpwausers.fuzz.seed=random} ({@link FuzzSettings}).
 */
class GatewayFuzzIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger CREATED = new AtomicInteger();
    private static final AtomicInteger DELETED = new AtomicInteger();
    /** The ids of the entries created and not deleted, for the requests that name one that exists. */
    private static final List<String> ENTRIES = new CopyOnWriteArrayList<>();
    private static final Pattern CREATED_ID = Pattern.compile("\"PwaUserId\":\"([A-Za-z0-9_-]{22})\"");
    private static LocalStack stack;

    /** The test JVM's stack (the stage's throttle out of reach: thousands of requests), its tables empty. */
    @BeforeContainer
    static void start() {
        stack = SharedStack.fresh();
    }

    @AfterContainer
    static void checkTheTable() {
        int items = stack.engine().client()
                .scan(b -> b.tableName(PwaUsersTable.DEFAULT_NAME).select("COUNT")).count();
        assertThat(items).as("items in the table vs 201 answers less 204 answers")
                .isEqualTo(CREATED.get() - DELETED.get());
        assertThat(SharedStack.console()).as("nothing is ever logged as a 5xx").doesNotContain("\"status\":5");
    }

    @Provide
    Arbitrary<FuzzRequest> hostileRequests() {
        return HostileRequests.all();
    }

    @Property(tries = FuzzSettings.DEFAULT_TRIES)
    @AddLifecycleHook(FuzzSettings.class)
    void hostileRequests_throughTheGateway_neverGet5xx(@ForAll("hostileRequests") FuzzRequest hostile)
            throws Exception {
        // %00 in a path: Jetty's parser answers 400 and then drops the connection without saying so (no Connection:
        // close), so the client's next request on it fails; API Gateway's answer is not known here. Left out.
        Assume.that(!hostile.path().contains("%00"));
        String existing = ENTRIES.isEmpty() ? "AAAAAAAAAAAAAAAAAAAAAA" : ENTRIES.get(0);
        FuzzRequest request = hostile.withExistingId(existing);
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(stack.apiUrl() + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> http.header(name, value.replaceAll("[\\x00-\\x1f\\x7f]", "?")));

        HttpResponse<String> response = CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofString());

        Statistics.label("status").collect(response.statusCode());
        assertThat(response.statusCode()).as(request.toString()).isBetween(200, 499);
        // a 201 replayed for an Idempotency-Key seen before (the generator repeats keys such as "k") stores nothing
        if (response.statusCode() == 201 && response.headers().firstValue("Idempotent-Replayed").isEmpty()) {
            CREATED.incrementAndGet();
            Matcher id = CREATED_ID.matcher(response.body());
            if (id.find()) {
                ENTRIES.add(id.group(1));
            }
        } else if (response.statusCode() == 204) {
            DELETED.incrementAndGet();
            assertThat(request.path()).as("only the entry it names").contains(existing);
            ENTRIES.remove(existing);
        }
    }
}
