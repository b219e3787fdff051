package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;
import static pwausers.function.testing.Invocation.invoke;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.contract.Environment;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.Metrics;
import pwausers.function.contract.RequestFields;
import pwausers.function.contract.Routes;
import pwausers.function.domain.AddPwaUser;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.NewPwaUser;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.domain.StoreUnavailableException;
import pwausers.function.json.Json;
import pwausers.function.log.LoggedField;
import pwausers.function.testing.Events;
import pwausers.function.testing.InMemoryIdempotencyStore;
import pwausers.function.testing.InMemoryPwaUserStore;
import pwausers.function.testing.Invocation;
import pwausers.function.testkit.EmbeddedMetrics;
import pwausers.function.testkit.EmbeddedMetrics.Datum;

/**
 * The function's metrics, read from its log line as CloudWatch reads the embedded metric format ({@link
 * EmbeddedMetrics}): names, units and dimensions as template.yaml's dashboard and alarm use them ({@link Metrics}).
 */
class RequestMetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T09:30:00.250Z");
    private static final String FUNCTION = "pwa-users-AddPwaUser-1XJ4";
    private static final Map<String, String> BY_FUNCTION = Map.of(Metrics.FUNCTION_NAME, FUNCTION);
    /** Names that no line may hold: they are personal data. */
    private static final String FIRST = "Zéphyrine";
    private static final String LAST = "Quintavalle";

    private final InMemoryPwaUserStore store = new InMemoryPwaUserStore();
    private final InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore();
    private final AddPwaUserHandler handler = new AddPwaUserHandler(new Dependencies(
            Configuration.from(Map.of(Environment.FUNCTION_NAME, FUNCTION)), store, keys, PwaUserIds.secureRandom(),
            Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void aStoredSubmission_countsOne_withItsStoreLatency() {
        Invocation answer = invoke(handler, submission(Map.of()));

        assertThat(answer.statusCode()).isEqualTo(201);
        List<Datum> metrics = metrics(answer, LogLevel.INFO);
        assertThat(metrics).extracting(Datum::name)
                .containsExactly(Metrics.SUBMISSIONS_STORED, Metrics.STORE_LATENCY);
        assertThat(metrics.get(0)).isEqualTo(one(Metrics.SUBMISSIONS_STORED));
        assertStoreLatency(answer, metrics.get(1));
    }

    @Test
    void aRefusal_countsOne_byItsStatusAndField_withoutTheValue() {
        Invocation answer = invoke(handler, Events.post("{\"fname\":\"" + FIRST + "\",\"lname\":\"\\u2028\"}"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(metrics(answer, LogLevel.WARN)).containsExactly(refusal("400", RequestFields.LASTNAME));
    }

    @Test
    void aRefusalOfTheRequestAsAWhole_hasNoField() {
        Invocation answer = invoke(handler, Events.rest("PUT", Routes.RESOURCE_PATH, Map.of(), "{}", false));

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(metrics(answer, LogLevel.WARN)).containsExactly(refusal("405", Metrics.NO_FIELD));
    }

    @Test
    void aMalformedIdempotencyKey_isARefusalOfThatHeader() {
        Invocation answer = invoke(handler, submission(Map.of(HeaderNames.IDEMPOTENCY_KEY, "k".repeat(256))));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(metrics(answer, LogLevel.WARN)).containsExactly(refusal("400", HeaderNames.IDEMPOTENCY_KEY));
    }

    @Test
    void aReplay_countsAsAReplay_notAsASubmissionStored() {
        Map<String, String> key = Map.of(HeaderNames.IDEMPOTENCY_KEY, "replayed-key-1");
        assertThat(invoke(handler, submission(key)).statusCode()).isEqualTo(201);

        Invocation replay = invoke(handler, submission(key));

        assertThat(replay.headers()).containsEntry(HeaderNames.IDEMPOTENT_REPLAYED, "true");
        List<Datum> metrics = metrics(replay, LogLevel.INFO);
        assertThat(metrics).extracting(Datum::name).containsExactly(Metrics.IDEMPOTENT_REPLAYS, Metrics.STORE_LATENCY);
        assertThat(metrics.get(0)).isEqualTo(one(Metrics.IDEMPOTENT_REPLAYS));
        assertStoreLatency(replay, metrics.get(1));
    }

    @Test
    void aKeyInFlight_countsAConflict_andARefusalWith409() {
        keys.claim("in-flight-key", AddPwaUser.payloadHash(new NewPwaUser(FIRST, LAST)), "reserved-id",
                NOW.minusSeconds(2), Deadline.none());

        Invocation answer = invoke(handler, submission(Map.of(HeaderNames.IDEMPOTENCY_KEY, "in-flight-key")));

        assertThat(answer.statusCode()).isEqualTo(409);
        List<Datum> metrics = metrics(answer, LogLevel.WARN);
        assertThat(metrics).extracting(Datum::name)
                .containsExactly(Metrics.IDEMPOTENCY_CONFLICTS, Metrics.STORE_LATENCY, Metrics.REFUSALS);
        assertThat(metrics.get(0)).isEqualTo(one(Metrics.IDEMPOTENCY_CONFLICTS));
        assertThat(metrics.get(2)).isEqualTo(refusal("409", Metrics.NO_FIELD));
    }

    @Test
    void aStoreOutOfReach_countsAStoreFailure_andNoRefusal() {
        store.failWith(new StoreUnavailableException("DynamoDB could not be reached in time", null));

        Invocation answer = invoke(handler, submission(Map.of()));

        assertThat(answer.statusCode()).isEqualTo(503);
        List<Datum> metrics = metrics(answer, LogLevel.ERROR);
        assertThat(metrics).extracting(Datum::name).containsExactly(Metrics.STORE_FAILURES, Metrics.STORE_LATENCY);
        assertThat(metrics.get(0)).isEqualTo(one(Metrics.STORE_FAILURES));
        assertStoreLatency(answer, metrics.get(1));
    }

    @Test
    void aLevelThatDropsTheLine_dropsItsMetrics() {
        AddPwaUserHandler warnings = new AddPwaUserHandler(new Dependencies(
                Configuration.from(Map.of(Environment.LOG_LEVEL, "WARN")), store, keys, PwaUserIds.secureRandom(),
                Clock.fixed(NOW, ZoneOffset.UTC)));

        assertThat(invoke(warnings, submission(Map.of())).context().logged).isEmpty();
    }

    /** One of a count metric by the function alone, as its line records it. */
    private static Datum one(String metric) {
        return new Datum(NOW.toEpochMilli(), Metrics.NAMESPACE, metric, Metrics.COUNT, BY_FUNCTION, List.of(1.0));
    }

    /** One refusal with this status, for this field, as its line records it. */
    private static Datum refusal(String status, String field) {
        return new Datum(NOW.toEpochMilli(), Metrics.NAMESPACE, Metrics.REFUSALS, Metrics.COUNT,
                Map.of(Metrics.FUNCTION_NAME, FUNCTION, Metrics.STATUS, status, Metrics.FIELD, field), List.of(1.0));
    }

    /** The POST of the two names, with these headers too. */
    private static String submission(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(HeaderNames.CONTENT_TYPE, "application/json");
        return Events.rest("POST", Routes.RESOURCE_PATH, all,
                "{\"fname\":\"" + FIRST + "\",\"lname\":\"" + LAST + "\"}", false);
    }

    /**
     * The metrics of the invocation's one log line: handed to Lambda's logger with its level, one line of JSON that
     * holds neither name.
     */
    private static List<Datum> metrics(Invocation answer, LogLevel level) {
        assertThat(answer.context().logged).singleElement().satisfies(logged -> {
            assertThat(logged.level()).isEqualTo(level);
            assertThat(logged.message()).doesNotContain("\n", FIRST, LAST, "Z\\u00e9phyrine");
        });
        return EmbeddedMetrics.read(answer.logLine());
    }

    /** StoreLatency: milliseconds by the function, within the request's own latency. */
    private static void assertStoreLatency(Invocation answer, Datum latency) {
        assertThat(latency.namespace()).isEqualTo(Metrics.NAMESPACE);
        assertThat(latency.unit()).isEqualTo(Metrics.MILLISECONDS);
        assertThat(latency.dimensions()).isEqualTo(BY_FUNCTION);
        double requestMs = Double.parseDouble(((Json.Number) Invocation.object(answer.logLine())
                .get(LoggedField.LATENCY_MS.key())).text());
        assertThat(latency.values()).singleElement().satisfies(ms -> assertThat(ms).isBetween(0.0, requestMs));
    }
}
