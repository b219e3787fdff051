package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.IdempotencyStore;
import pwausers.function.domain.Limits;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.store.DynamoDbIdempotencyStore;
import pwausers.function.store.DynamoDbPwaUserStore;
import pwausers.function.store.IdempotencyTable;
import pwausers.function.testing.Events;
import pwausers.function.testing.Invocation;
import pwausers.local.engine.Dynalite;
import pwausers.local.engine.LocalTables;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Idempotency-Key against a real engine, with both tables made from template.yaml. */
class IdempotencyIT {
    private static final String USERS = "PwaUsers";
    private static final String KEYS = "PwaUsersIdempotency";
    private static final String MICKEY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";
    private static Dynalite dynalite;
    private static SamTemplate template;

    @BeforeAll
    static void startEngine() {
        dynalite = Dynalite.start();
        template = SamTemplate.read(ProjectFiles.template());
    }

    @AfterAll
    static void stopEngine() {
        dynalite.close();
    }

    @BeforeEach
    void freshTables() {
        LocalTables.recreateTable(dynalite.client(), template, "PwaUsersTable", USERS);
        LocalTables.recreateTable(dynalite.client(), template, "PwaUsersIdempotencyTable", KEYS);
    }

    private static AddPwaUserHandler handler(Clock clock) {
        DynamoDbClient client = dynalite.client();
        return new AddPwaUserHandler(new Configuration(USERS, "*", KEYS), new DynamoDbPwaUserStore(client, USERS),
                new DynamoDbIdempotencyStore(client, KEYS), PwaUserIds.secureRandom(), clock);
    }

    private static String post(String body, String key) {
        return Events.rest("POST", "/pwausers", Map.of("Content-Type", "application/json", "Idempotency-Key", key),
                body, false);
    }

    private static int users() {
        return dynalite.client().scan(b -> b.tableName(USERS)).count();
    }

    @Test
    void aRetryWithTheSameKeyAndBody_getsTheSameAnswer_andWritesNothingAgain() {
        AddPwaUserHandler handler = handler(Clock.systemUTC());

        Invocation first = invoke(handler, post(MICKEY, "k-1"));
        Invocation retry = invoke(handler, post(MICKEY, "k-1"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().get("Location")).isEqualTo(first.headers().get("Location"));
        assertThat(retry.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(first.headers()).doesNotContainKey("Idempotent-Replayed");
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBody_is422_andWritesNothing() {
        AddPwaUserHandler handler = handler(Clock.systemUTC());
        invoke(handler, post(MICKEY, "k-2"));

        Invocation other = invoke(handler, post("{\"fname\":\"Minnie\",\"lname\":\"Mouse\"}", "k-2"));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.bodyField("Message")).contains("different submission");
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void whitespaceInTheJson_isNotAnotherPayload() {
        AddPwaUserHandler handler = handler(Clock.systemUTC());
        String id = invoke(handler, post(MICKEY, "k-3")).bodyField("PwaUserId");

        Invocation retry = invoke(handler, post("{ \"lname\" : \"Mouse\", \"fname\" : \"Mickey\" }", "k-3"));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.bodyField("PwaUserId")).isEqualTo(id);
    }

    @Test
    void whileTheFirstIsInFlight_aRetryGets409WithRetryAfter() {
        Instant now = Instant.now();
        IdempotencyStore keys = new DynamoDbIdempotencyStore(dynalite.client(), KEYS);
        // a first request, not finished
        keys.claim("k-4", hashOf(MICKEY), "AAAAAAAAAAAAAAAAAAAAAA", now, Deadline.none());

        Invocation retry = invoke(handler(Clock.fixed(now.plusSeconds(1), ZoneOffset.UTC)), post(MICKEY, "k-4"));

        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(retry.headers()).containsKey("Retry-After");
        assertThat(users()).isZero();
    }

    @Test
    void afterTheFirstStoppedHalfway_aRetryTakesOver_withTheReservedId_andStoresOneEntry() {
        Instant then = Instant.now().minus(Limits.IDEMPOTENCY_LOCK).minusSeconds(1);
        IdempotencyStore keys = new DynamoDbIdempotencyStore(dynalite.client(), KEYS);
        keys.claim("k-5", hashOf(MICKEY), "BBBBBBBBBBBBBBBBBBBBBB", then, Deadline.none());
        // the first request stored its entry, then stopped before marking the key completed
        new DynamoDbPwaUserStore(dynalite.client(), USERS).insert(
                new pwausers.function.domain.PwaUser("BBBBBBBBBBBBBBBBBBBBBB", "Mickey", "Mouse", then),
                Deadline.none());

        Invocation retry = invoke(handler(Clock.systemUTC()), post(MICKEY, "k-5"));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.bodyField("PwaUserId")).isEqualTo("BBBBBBBBBBBBBBBBBBBBBB");
        assertThat(users()).isEqualTo(1);
        Invocation again = invoke(handler(Clock.systemUTC()), post(MICKEY, "k-5"));
        assertThat(again.headers()).containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void afterTheFirstStoppedBeforeWriting_aRetryStoresTheEntry_underTheReservedId() {
        Instant then = Instant.now().minus(Limits.IDEMPOTENCY_LOCK).minusSeconds(1);
        new DynamoDbIdempotencyStore(dynalite.client(), KEYS)
                .claim("k-6", hashOf(MICKEY), "CCCCCCCCCCCCCCCCCCCCCC", then, Deadline.none());

        Invocation retry = invoke(handler(Clock.systemUTC()), post(MICKEY, "k-6"));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.bodyField("PwaUserId")).isEqualTo("CCCCCCCCCCCCCCCCCCCCCC");
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void anExpiredRecord_isTreatedAsAbsent_evenThoughDynaliteNeverDeletesIt() {
        Instant longAgo = Instant.now().minus(Limits.IDEMPOTENCY_TTL).minusSeconds(60);
        String first = invoke(handler(Clock.fixed(longAgo, ZoneOffset.UTC)), post(MICKEY, "k-7")).bodyField("PwaUserId");

        Invocation later = invoke(handler(Clock.systemUTC()), post("{\"fname\":\"Minnie\",\"lname\":\"Mouse\"}", "k-7"));

        assertThat(later.statusCode()).isEqualTo(201);
        assertThat(later.bodyField("PwaUserId")).isNotEqualTo(first);
        assertThat(users()).isEqualTo(2);
    }

    @Test
    void theRecord_holdsNoPersonalData_andExpiresThroughTtl() {
        invoke(handler(Clock.systemUTC()), post(MICKEY, "k-8"));

        Map<String, AttributeValue> record = dynalite.client().getItem(b -> b.tableName(KEYS)
                .key(Map.of(IdempotencyTable.KEY, AttributeValue.fromS("k-8")))).item();
        assertThat(record).containsOnlyKeys(IdempotencyTable.KEY, IdempotencyTable.PAYLOAD_HASH,
                IdempotencyTable.PWA_USER_ID, IdempotencyTable.CLAIM_TOKEN, IdempotencyTable.STATUS,
                IdempotencyTable.LOCKED_UNTIL, IdempotencyTable.EXPIRES_AT);
        assertThat(record.toString()).doesNotContain("Mickey", "Mouse");
        assertThat(record.get(IdempotencyTable.STATUS).s()).isEqualTo(IdempotencyTable.COMPLETED);
        assertThat(Long.parseLong(record.get(IdempotencyTable.EXPIRES_AT).n()))
                .isBetween(Instant.now().plus(Limits.IDEMPOTENCY_TTL).minusSeconds(60).getEpochSecond(),
                        Instant.now().plus(Limits.IDEMPOTENCY_TTL).getEpochSecond());
    }

    @Test
    void fiftyConcurrentRequestsWithOneKey_storeExactlyOneEntry_andEvery201CarriesItsId() throws Exception {
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
                    ids.add(invocation.bodyField("PwaUserId"));
                }
            }
            assertThat(created).isPositive();
            assertThat(ids).hasSize(1);
            assertThat(users()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "é-not-ascii", "tab\tkey"})
    void aMalformedKey_is400_andWritesNothing(String key) {
        Invocation answer = invoke(handler(Clock.systemUTC()), post(MICKEY, key));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyField("Message")).startsWith("Idempotency-Key must be");
        assertThat(users()).isZero();
    }

    @Test
    void aKeyOver255Characters_is400() {
        assertThat(invoke(handler(Clock.systemUTC()), post(MICKEY, "k".repeat(256))).statusCode()).isEqualTo(400);
        assertThat(invoke(handler(Clock.systemUTC()), post(MICKEY, "k".repeat(255))).statusCode()).isEqualTo(201);
    }

    @Test
    void requestsWithoutAKey_workAsBefore_eachStoresItsOwnEntry() {
        AddPwaUserHandler handler = handler(Clock.systemUTC());

        assertThat(invoke(handler, Events.post(MICKEY)).statusCode()).isEqualTo(201);
        assertThat(invoke(handler, Events.post(MICKEY)).statusCode()).isEqualTo(201);
        assertThat(users()).isEqualTo(2);
        assertThat(dynalite.client().scan(b -> b.tableName(KEYS)).count()).isZero();
    }

    private static String hashOf(String body) {
        String[] names = body.replaceAll("[{}\"]", "").split(",");
        return pwausers.function.domain.AddPwaUser.payloadHash(new pwausers.function.domain.NewPwaUser(
                names[0].split(":")[1], names[1].split(":")[1]));
    }
}
