package pwausers.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.local.template.LocalApi;
import pwausers.local.testing.JsonTrees;
import pwausers.local.up.LocalStack;

/**
 * The stage's throttle on the whole local stack, as template.yaml sets it (its defaults, or {@code --parameter}):
 * what a burst of submissions gets, and what is stored.
 */
class StageThrottlingIT {
    private static final String BODY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";
    private static final int BURST = 120;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /**
     * The stack with these parameters, and two environments of the function at most: the throttle is the stage's,
     * before the function; a burst's requests that get past it wait their turn (as they would for a free environment).
     */
    private LocalStack start(Map<String, String> parameters) {
        return LocalStack.start(new LocalStack.Options(0, 0, 0, null, null, parameters,
                new PrintStream(console, true, StandardCharsets.UTF_8)).withEnvironments(2));
    }

    @Test
    void aBurstBeyondTheStagesLimits_getsSome429s_storesExactlyThe201s_andPostsAtThreeASecondThenAllGetIn() {
        try (LocalStack stack = start(Map.of())) {
            LocalApi api = LocalApi.read(stack.values());
            List<HttpResponse<String>> burst = postAtOnce(stack.apiUrl(), BURST);

            List<String> stored = new ArrayList<>();
            List<HttpResponse<String>> throttled = new ArrayList<>();
            for (HttpResponse<String> answer : burst) {
                assertThat(answer.statusCode()).as(answer.body()).isIn(201, 429);
                if (answer.statusCode() == 201) {
                    stored.add(JsonTrees.tree(answer.body()).required(ResponseFields.ID).asText());
                } else {
                    throttled.add(answer);
                }
            }
            assertThat(throttled).as("the stage's burst (template.yaml's default) is well under " + BURST).isNotEmpty();
            for (HttpResponse<String> answer : throttled) {
                assertThat(answer.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
                api.gatewayResponseHeaders("THROTTLED", 429).forEach((name, value) ->
                        assertThat(answer.headers().firstValue(name)).as(name).hasValue(value));
            }
            assertThat(idsInTheTable(stack)).as("every 201 stored, and nothing else").isEqualTo(new HashSet<>(stored));

            // below the stage's rate (10 a second by default), every one goes in
            long interval = TimeUnit.MILLISECONDS.toNanos(334);
            long next = System.nanoTime() + interval; // the first a third of a second after the burst
            for (int i = 0; i < 6; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next = System.nanoTime() + interval;
                HttpResponse<String> answer = post(stack.apiUrl()).join();
                assertThat(answer.statusCode()).as("paced POST %d: %s", i, answer.body()).isEqualTo(201);
                stored.add(JsonTrees.tree(answer.body()).required(ResponseFields.ID).asText());
            }
            assertThat(idsInTheTable(stack)).isEqualTo(new HashSet<>(stored));
        }
    }

    @Test
    void theParameters_raiseTheThrottle() {
        try (LocalStack stack = start(Map.of(LocalApi.RATE_LIMIT_PARAMETER, "1", LocalApi.BURST_LIMIT_PARAMETER,
                Integer.toString(BURST)))) {
            List<HttpResponse<String>> burst = postAtOnce(stack.apiUrl(), BURST);

            assertThat(burst).extracting(HttpResponse::statusCode).containsOnly(201);
            assertThat(idsInTheTable(stack)).hasSize(BURST);
        }
    }

    private static List<HttpResponse<String>> postAtOnce(URI api, int count) {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(post(api));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private static CompletableFuture<HttpResponse<String>> post(URI api) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(api.resolve("/pwausers")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> idsInTheTable(LocalStack stack) {
        Set<String> ids = new HashSet<>();
        stack.engine().client().scanPaginator(b -> b.tableName(stack.values().tableName(PwaUsersTable.LOGICAL_ID))
                .consistentRead(true)).items().forEach(item -> ids.add(item.get(PwaUsersTable.ID).s()));
        return ids;
    }
}
