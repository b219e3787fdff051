package pwausers.function.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static pwausers.function.testing.Invocation.invoke;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.Limits;
import pwausers.function.contract.ResponseFields;
import pwausers.function.contract.Routes;
import pwausers.function.domain.AddPwaUser;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdempotencyStore;
import pwausers.function.domain.NewPwaUser;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.domain.StoreBounds;
import pwausers.function.it.engines.Attempts;
import pwausers.function.it.engines.Engine;
import pwausers.function.it.engines.RunningEngines;
import pwausers.function.it.engines.TestTables;
import pwausers.function.store.DynamoDbIdempotencyStore;
import pwausers.function.store.DynamoDbPwaUserStore;
import pwausers.function.testing.Events;
import pwausers.function.testing.Invocation;
import pwausers.function.testing.LambdaClients;
import pwausers.local.engine.LocalEngine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Idempotency-Key against real DynamoDB engines (dynalite and moto), each test with fresh tables from template.yaml.
 * Key validation, which never reaches the engine, is tested in memory (AddPwaUserHandlerTest).
 */
@ParameterizedClass
@EnumSource(Engine.class)
class IdempotencyIT {
    private static final String MICKEY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";
    private static final String MICKEY_HASH = AddPwaUser.payloadHash(new NewPwaUser("Mickey", "Mouse"));
    @Parameter
    Engine kind;
    private LocalEngine engine;

    private TestTables tables;
    private DynamoDbClient client;

    @BeforeEach
    void freshTables() {
        engine = RunningEngines.of(kind);
        tables = TestTables.create(engine);
        client = tables.functionClient();
    }

    private AddPwaUserHandler handler(Clock clock) {
        return handler(clock, client);
    }

    private AddPwaUserHandler handler(Clock clock, DynamoDbClient client) {
        return new AddPwaUserHandler(new Dependencies(tables.configuration(), new DynamoDbPwaUserStore(client, tables.users()),
                new DynamoDbIdempotencyStore(client, tables.keys()), PwaUserIds.secureRandom(), clock));
    }

    private IdempotencyStore keys() {
        return new DynamoDbIdempotencyStore(client, tables.keys());
    }

    private static String post(String body, String key) {
        return Events.rest("POST", Routes.RESOURCE_PATH,
                Map.of(HeaderNames.CONTENT_TYPE, "application/json", HeaderNames.IDEMPOTENCY_KEY, key), body, false);
    }

    private int users() {
        return tables.userCount();
    }

    @Test
    void aRetryWithTheSameKeyAndBody_getsTheSameAnswer_andWritesNothingAgain() {
        AddPwaUserHandler handler = handler(Clock.systemUTC());

        Invocation first = invoke(handler, post(MICKEY, "k-1"));
        Invocation retry = invoke(handler, post(MICKEY, "k-1"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().get(HeaderNames.LOCATION)).isEqualTo(first.headers().get(HeaderNames.LOCATION));
        assertThat(retry.headers()).containsEntry(HeaderNames.IDEMPOTENT_REPLAYED, "true");
        assertThat(first.headers()).doesNotContainKey(HeaderNames.IDEMPOTENT_REPLAYED);
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBody_is422_andWritesNothing() {
        AddPwaUserHandler handler = handler(Clock.systemUTC());
        invoke(handler, post(MICKEY, "k-2"));

        Invocation other = invoke(handler, post("{\"fname\":\"Minnie\",\"lname\":\"Mouse\"}", "k-2"));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.bodyField(ResponseFields.MESSAGE)).contains("different submission");
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void whitespaceInTheJson_isNotAnotherPayload() {
        AddPwaUserHandler handler = handler(Clock.systemUTC());
        String id = invoke(handler, post(MICKEY, "k-3")).bodyField(ResponseFields.ID);

        Invocation retry = invoke(handler, post("{ \"lname\" : \"Mouse\", \"fname\" : \"Mickey\" }", "k-3"));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.bodyField(ResponseFields.ID)).isEqualTo(id);
    }

    @Test
    void whileTheFirstIsInFlight_aRetryGets409WithRetryAfter() {
        Instant now = Instant.now();
        keys().claim("k-4", MICKEY_HASH, "AAAAAAAAAAAAAAAAAAAAAA", now, Deadline.none()); // a first request, not finished

        Invocation retry = invoke(handler(Clock.fixed(now.plusSeconds(1), ZoneOffset.UTC)), post(MICKEY, "k-4"));

        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(retry.headers()).containsKey(HeaderNames.RETRY_AFTER);
        assertThat(users()).isZero();
    }

    @Test
    void afterTheFirstFailedWithoutWriting_aRetryGoesOnAtOnce_notA409UntilTheLockLapses() {
        // the users' table refuses the write for good (here: it does not exist): nothing stored, the answer a 500
        AddPwaUserHandler failing = new AddPwaUserHandler(new Dependencies(tables.configuration(),
                new DynamoDbPwaUserStore(client, "NoSuchTable"), new DynamoDbIdempotencyStore(client, tables.keys()),
                PwaUserIds.secureRandom(), Clock.systemUTC()));
        assertThat(invoke(failing, post(MICKEY, "k-failed")).statusCode()).isEqualTo(500);

        Invocation retry = invoke(handler(Clock.systemUTC()), post(MICKEY, "k-failed")); // within the lock's time

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(users()).isEqualTo(1);
        assertThat(tables.key("k-failed").get(IdempotencyTable.PWA_USER_ID).s())
                .isEqualTo(retry.bodyField(ResponseFields.ID));
    }

    @Test
    void afterTheFirstStoppedHalfway_aRetryTakesOver_withTheReservedId_andStoresOneEntry() {
        Instant then = Instant.now().minus(StoreBounds.IDEMPOTENCY_LOCK).minusSeconds(1);
        keys().claim("k-5", MICKEY_HASH, "BBBBBBBBBBBBBBBBBBBBBB", then, Deadline.none());
        // the first request stored its entry, then stopped before marking the key completed
        new DynamoDbPwaUserStore(client, tables.users()).insert(
                new PwaUser("BBBBBBBBBBBBBBBBBBBBBB", "Mickey", "Mouse", then), Deadline.none());

        Invocation retry = invoke(handler(Clock.systemUTC()), post(MICKEY, "k-5"));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.bodyField(ResponseFields.ID)).isEqualTo("BBBBBBBBBBBBBBBBBBBBBB");
        assertThat(users()).isEqualTo(1);
        Invocation again = invoke(handler(Clock.systemUTC()), post(MICKEY, "k-5"));
        assertThat(again.headers()).containsEntry(HeaderNames.IDEMPOTENT_REPLAYED, "true");
    }

    @Test
    void aTakeoverThatLosesToTheFirstRequestsLateCompletion_answersAsTheFirstDid_notA409() {
        Instant then = Instant.now().minus(StoreBounds.IDEMPOTENCY_LOCK).minusSeconds(1);
        keys().claim("k-late", MICKEY_HASH, "DDDDDDDDDDDDDDDDDDDDDD", then, Deadline.none());
        new DynamoDbPwaUserStore(client, tables.users()).insert(
                new PwaUser("DDDDDDDDDDDDDDDDDDDDDD", "Mickey", "Mouse", then), Deadline.none());
        // the first request's completion, whose answer was lost, lands after the retry read the record, before its
        // takeover: the takeover's condition fails on a completed record
        Attempts attempts = new Attempts().beforeCall("UpdateItem", 1,
                () -> keys().complete("k-late", "DDDDDDDDDDDDDDDDDDDDDD", Deadline.none()));

        Invocation retry = invoke(handler(Clock.systemUTC(), LambdaClients.at(engine.endpoint(), attempts)),
                post(MICKEY, "k-late"));

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.bodyField(ResponseFields.ID)).isEqualTo("DDDDDDDDDDDDDDDDDDDDDD");
        assertThat(retry.headers()).containsEntry(HeaderNames.IDEMPOTENT_REPLAYED, "true");
        assertThat(attempts.callsOf("UpdateItem")).as("the takeover, and no completion of its own").isEqualTo(1);
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void afterTheFirstStoppedBeforeWriting_aRetryStoresTheEntry_underTheReservedId() {
        Instant then = Instant.now().minus(StoreBounds.IDEMPOTENCY_LOCK).minusSeconds(1);
        keys().claim("k-6", MICKEY_HASH, "CCCCCCCCCCCCCCCCCCCCCC", then, Deadline.none());

        Invocation retry = invoke(handler(Clock.systemUTC()), post(MICKEY, "k-6"));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.bodyField(ResponseFields.ID)).isEqualTo("CCCCCCCCCCCCCCCCCCCCCC");
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void anExpiredRecord_isTreatedAsAbsent_evenThoughDynaliteNeverDeletesIt() {
        Instant longAgo = Instant.now().minus(StoreBounds.IDEMPOTENCY_TTL).minusSeconds(60);
        String first = invoke(handler(Clock.fixed(longAgo, ZoneOffset.UTC)), post(MICKEY, "k-7")).bodyField(ResponseFields.ID);

        Invocation later = invoke(handler(Clock.systemUTC()), post("{\"fname\":\"Minnie\",\"lname\":\"Mouse\"}", "k-7"));

        assertThat(later.statusCode()).isEqualTo(201);
        assertThat(later.bodyField(ResponseFields.ID)).isNotEqualTo(first);
        assertThat(users()).isEqualTo(2);
    }

    @Test
    void theRecord_holdsNoPersonalData_andExpiresThroughTtl() {
        invoke(handler(Clock.systemUTC()), post(MICKEY, "k-8"));

        Map<String, AttributeValue> record = tables.key("k-8");
        assertThat(record).containsOnlyKeys(IdempotencyTable.KEY, IdempotencyTable.PAYLOAD_HASH,
                IdempotencyTable.PWA_USER_ID, IdempotencyTable.CLAIM_TOKEN, IdempotencyTable.STATUS,
                IdempotencyTable.LOCKED_UNTIL, IdempotencyTable.EXPIRES_AT);
        assertThat(record.toString()).doesNotContain("Mickey", "Mouse");
        assertThat(record.get(IdempotencyTable.STATUS).s()).isEqualTo(IdempotencyTable.Status.COMPLETED.name());
        assertThat(Long.parseLong(record.get(IdempotencyTable.EXPIRES_AT).n()))
                .isBetween(Instant.now().plus(StoreBounds.IDEMPOTENCY_TTL).minusSeconds(60).getEpochSecond(),
                        Instant.now().plus(StoreBounds.IDEMPOTENCY_TTL).getEpochSecond());
    }

    @Test
    void fiftyConcurrentRequestsWithOneKey_storeExactlyOneEntry_andEvery201CarriesItsId() throws Exception {
        assumeTrue(kind.atomicConditionalWrites(), "racing conditional writes are not atomic on " + kind);
        AddPwaUserHandler handler = handler(Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Invocation>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(() -> invoke(handler, post(MICKEY, "k-concurrent")));
            }
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<Invocation> answer : pool.invokeAll(calls)) {
                Invocation invocation = answer.get();
                assertThat(invocation.statusCode()).isIn(201, 409);
                if (invocation.statusCode() == 201) {
                    created++;
                    ids.add(invocation.bodyField(ResponseFields.ID));
                }
            }
            assertThat(created).isPositive();
            assertThat(ids).hasSize(1);
            assertThat(users()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyOfTheLongestLength_isStored() {
        String longest = "k".repeat(Limits.IDEMPOTENCY_KEY_MAX_LENGTH);

        assertThat(invoke(handler(Clock.systemUTC()), post(MICKEY, longest)).statusCode()).isEqualTo(201);
        assertThat(tables.key(longest)).isNotEmpty();
    }

    @Test
    void requestsWithoutAKey_workAsBefore_eachStoresItsOwnEntry() {
        AddPwaUserHandler handler = handler(Clock.systemUTC());

        assertThat(invoke(handler, Events.post(MICKEY)).statusCode()).isEqualTo(201);
        assertThat(invoke(handler, Events.post(MICKEY)).statusCode()).isEqualTo(201);
        assertThat(users()).isEqualTo(2);
        assertThat(tables.keyCount()).isZero();
    }
}
