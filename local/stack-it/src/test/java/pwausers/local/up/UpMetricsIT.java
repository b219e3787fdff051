package pwausers.local.up;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.Metrics;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.template.LocalApi;
import pwausers.local.testing.Http;
import pwausers.local.testing.JsonTrees;
import pwausers.local.testing.UpProcess;

/**
 * {@code up}'s metrics from the real function and gateway: a 201, a 400 and a replay, counted as the deployed
 * dashboard would count them, in the JSON of {@code GET /metrics} on the Invoke API's port and in the run's summary;
 * and that summary in {@code up}'s console when it stops.
 */
class UpMetricsIT {
    private static final String FUNCTION = "AddPwaUser";
    private static final Map<String, String> BY_FUNCTION = Map.of(Metrics.FUNCTION_NAME, FUNCTION);

    @TempDir
    Path data;
    private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
    private LocalStack stack;

    /** The stack in this JVM, for the tests that read its metrics directly. */
    private void start() {
        stack = LocalStack.start(new LocalStack.Options(0, 0, 0, data, ProjectFiles.root().resolve("web"),
                LocalApi.THROTTLE_OUT_OF_REACH, console));
    }

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private HttpResponse<String> post(String body, String key) {
        return Http.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/pwausers"))
                .header("Content-Type", "application/json").header(HeaderNames.IDEMPOTENCY_KEY, key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aStoredSubmission_aRefusal_andAReplay_areCounted_asTheDashboardCountsThem() throws Exception {
        start();
        String body = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";
        assertThat(post(body, "key-1").statusCode()).isEqualTo(201);
        assertThat(post("{\"fname\":\"\",\"lname\":\"Mouse\"}", "key-2").statusCode()).isEqualTo(400);
        HttpResponse<String> replay = post(body, "key-1");
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue(HeaderNames.IDEMPOTENT_REPLAYED)).isPresent();

        // the function's lines are read from its process as it writes them, the gateway's count once its answer is
        // sent: both may trail the answers a moment
        Map<String, Optional<Long>> expected = Map.of(
                "PwaUsers SubmissionsStored", Optional.of(1L),
                "PwaUsers IdempotentReplays", Optional.of(1L),
                "PwaUsers Refusals 400 fname", Optional.of(1L),
                "AWS/ApiGateway Count", Optional.of(3L),
                "AWS/Lambda Invocations", Optional.of(3L));
        Map<String, Optional<Long>> counted = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(counted = counts(metricsJson())).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(counted).as(consoleBytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected);

        JsonNode json = metricsJson();
        Map<String, String> api = Map.of("ApiName", "pwa-users-local", "Stage", LocalApi.read(stack.values()).stageName());
        assertThat(sum(json, "AWS/ApiGateway", "4XXError", api)).hasValue(1L);
        assertThat(sum(json, "AWS/ApiGateway", "5XXError", api)).hasValue(0L);
        assertThat(sum(json, "AWS/Lambda", "Errors", BY_FUNCTION)).hasValue(0L);
        assertThat(sum(json, "PwaUsers", "IdempotencyConflicts", BY_FUNCTION)).as("none happened").isEmpty();
        assertThat(metric(json, "PwaUsers", "StoreLatency", BY_FUNCTION).orElseThrow().path("unit").asText())
                .isEqualTo("Milliseconds");
        assertThat(json.path("embeddedMetricFormat").path("rejectedLines").asLong()).isZero();

        assertThat(String.join("\n", stack.metrics().runText("")))
                .containsPattern("(?m)^API: requests, 4xx, 5xx +Count 3 · 4XXError 1 · 5XXError 0$")
                .containsPattern("(?m)^Submissions: stored, replayed, conflicts, store failures +SubmissionsStored 1"
                        + " · IdempotentReplays 1 · IdempotencyConflicts - · StoreFailures -$")
                .containsPattern("(?m)^Refusals by status and field +Field=fname Status=400 1$")
                .containsPattern("(?m)^POST /pwausers  Count 3 · 4XXError 1 · 5XXError 0 · ");

        // up's own path on up's own port: on the API's port it is a path no route serves, and no web page reads it
        URI metrics = stack.metricsUrl();
        assertThat(metrics.getPort()).isEqualTo(stack.lambdaUrl().getPort());
        assertThat(Http.send(HttpRequest.newBuilder(stack.apiUrl().resolve(metrics.getPath())).GET()).statusCode())
                .as("API Gateway's 403").isEqualTo(403);
        HttpResponse<String> fromAPage = Http.send(HttpRequest.newBuilder(metrics)
                .header("Origin", "http://example.com").GET());
        assertThat(fromAPage.statusCode()).isEqualTo(403);
        assertThat(fromAPage.body()).doesNotContain("\"metrics\"");
    }

    @Test
    void up_printsTheRunsSummary_whenItStops() throws Exception {
        UpProcess.Ports ports = UpProcess.Ports.free();
        try (UpProcess up = UpProcess.start(data.resolve("state"), data.resolve("up-data"), ports, Map.of(),
                "--no-reload").awaitBanner()) {
            assertThat(up.output()).contains("  Metrics          http://localhost:" + ports.lambda() + "/metrics");
            assertThat(Http.postJson(ports.api("/pwausers"), "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}")
                    .statusCode()).isEqualTo(201);

            up.process().toHandle().destroy(); // SIGTERM

            assertThat(up.awaitExit(Duration.ofSeconds(60))).as(up.output()).isEqualTo(143);
            assertThat(up.output()).containsPattern("(?m)^pwa-users: metrics of this run, .*:$")
                    .containsPattern("(?m)^  API: requests, 4xx, 5xx +Count 1 · 4XXError 0 · 5XXError 0$")
                    .containsPattern("(?m)^  Submissions: stored, replayed, conflicts, store failures +SubmissionsStored 1 ")
                    .containsPattern("(?m)^  not shown: .*DynamoDB");
        }
    }

    private JsonNode metricsJson() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(stack.metricsUrl()).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JsonTrees.tree(response.body());
    }

    private Map<String, Optional<Long>> counts(JsonNode json) {
        Map<String, Optional<Long>> counts = new HashMap<>();
        counts.put("PwaUsers SubmissionsStored", sum(json, "PwaUsers", "SubmissionsStored", BY_FUNCTION));
        counts.put("PwaUsers IdempotentReplays", sum(json, "PwaUsers", "IdempotentReplays", BY_FUNCTION));
        counts.put("PwaUsers Refusals 400 fname", sum(json, "PwaUsers", "Refusals",
                Map.of(Metrics.FUNCTION_NAME, FUNCTION, Metrics.STATUS, "400", Metrics.FIELD, "fname")));
        counts.put("AWS/ApiGateway Count", sum(json, "AWS/ApiGateway", "Count",
                Map.of("ApiName", "pwa-users-local", "Stage", LocalApi.read(stack.values()).stageName())));
        counts.put("AWS/Lambda Invocations", sum(json, "AWS/Lambda", "Invocations", BY_FUNCTION));
        return counts;
    }

    private static Optional<Long> sum(JsonNode json, String namespace, String name, Map<String, String> dimensions) {
        return metric(json, namespace, name, dimensions).map(m -> m.path("run").path("Sum").asLong());
    }

    private static Optional<JsonNode> metric(JsonNode json, String namespace, String name,
                                             Map<String, String> dimensions) {
        for (JsonNode metric : json.path("metrics")) {
            Map<String, String> its = new HashMap<>();
            metric.path("dimensions").fields().forEachRemaining(d -> its.put(d.getKey(), d.getValue().asText()));
            if (metric.path("namespace").asText().equals(namespace) && metric.path("name").asText().equals(name)
                    && its.equals(dimensions)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}
