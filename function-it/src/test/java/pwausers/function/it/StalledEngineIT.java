package pwausers.function.it;

import static org.assertj.core.api.Assertions.assertThat;
import static pwausers.function.testing.Invocation.invoke;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pwausers.function.AddPwaUserHandler;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.Configuration;
import pwausers.function.contract.Environment;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.function.contract.Routes;
import pwausers.function.domain.AddPwaUser;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.NewPwaUser;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.domain.StoreBounds;
import pwausers.function.it.engines.Attempts;
import pwausers.function.it.engines.TestTables;
import pwausers.function.store.DynamoDbIdempotencyStore;
import pwausers.function.store.DynamoDbPwaUserStore;
import pwausers.function.testing.Events;
import pwausers.function.testing.Invocation;
import pwausers.function.testing.LambdaClients;
import pwausers.function.testkit.TestContext;
import pwausers.local.engine.Dynalite;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The function on an engine that stalls: an answer lost (an attempt times out after it landed, and the SDK sends it
 * again), or calls slow enough together to outlast Lambda's timeout. Each test has a dynalite of its own, which the
 * client's interceptor ({@link Attempts}) freezes just before the call the test is about (the engine always resumes),
 * or whose answers to chosen attempts the interceptor holds back until the SDK gives them up.
 */
class StalledEngineIT {
    private static final String USERS = PwaUsersTable.DEFAULT_NAME;
    private static final String KEYS = IdempotencyTable.DEFAULT_NAME;
    private static final String MICKEY = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";
    /** How many attempts the SDK's standard retry policy makes of one call (DynamoDbClients). */
    private static final int SDK_ATTEMPTS = 3;
    /** Ample for the SDK to give up an attempt (StoreBounds.STORE_ATTEMPT_TIMEOUT) and send it again. */
    private static final Duration RESEND_BOUND = Duration.ofSeconds(15);

    private Dynalite dynalite;

    @BeforeEach
    void startEngine() {
        dynalite = Dynalite.start();
        TestTables.create(dynalite, USERS, KEYS);
    }

    @AfterEach
    void stopEngine() {
        dynalite.close();
    }

    /** The handler with a client built as on Lambda, whose every attempt {@code attempts} sees first. */
    private AddPwaUserHandler handler(Attempts attempts, Clock clock) {
        DynamoDbClient client = LambdaClients.at(dynalite.endpoint(), attempts);
        return new AddPwaUserHandler(new Dependencies(new Configuration(USERS, Environment.ANY_ORIGIN, KEYS),
                new DynamoDbPwaUserStore(client, USERS), new DynamoDbIdempotencyStore(client, KEYS),
                PwaUserIds.secureRandom(), clock));
    }

    private static String post(String key) {
        return Events.rest("POST", Routes.RESOURCE_PATH,
                Map.of(HeaderNames.CONTENT_TYPE, "application/json", HeaderNames.IDEMPOTENCY_KEY, key), MICKEY, false);
    }

    private int users() {
        return dynalite.client().scan(b -> b.tableName(USERS)).count();
    }

    @Test
    void aClaimWhoseAnswerWasLost_isRecognisedAsOurs_whenTheSdkResendsIt() throws Exception {
        // the claim's PutItem waits at a frozen engine until its attempt times out; the SDK sends it again
        Attempts attempts = new Attempts().beforeCall("PutItem", 1, dynalite::freeze);
        AddPwaUserHandler handler = handler(attempts, Clock.systemUTC());

        // once both wait at the engine, it resumes: the first lands, the second fails its condition on it
        Invocation answer = whileStalled(() -> invoke(handler, post("k-lost-claim")),
                () -> attempts.await("PutItem", 2, RESEND_BOUND));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(users()).isEqualTo(1);
        assertThat(record("k-lost-claim").get(IdempotencyTable.STATUS).s()).isEqualTo(IdempotencyTable.Status.COMPLETED.name());
        assertThat(attempts.of("PutItem")).as("the claim twice, then the entry").isEqualTo(3);
    }

    @Test
    void aTakeoverWhoseAnswerWasLost_isRecognisedAsOurs_whenTheSdkResendsIt() throws Exception {
        Instant then = Instant.now().minus(StoreBounds.IDEMPOTENCY_LOCK).minusSeconds(1);
        new DynamoDbIdempotencyStore(dynalite.client(), KEYS).claim("k-lost-takeover",
                AddPwaUser.payloadHash(new NewPwaUser("Mickey", "Mouse")), "EEEEEEEEEEEEEEEEEEEEEE", then,
                Deadline.none()); // an earlier request that stopped before storing anything: its lock has expired
        Attempts attempts = new Attempts().beforeCall("UpdateItem", 1, dynalite::freeze); // the takeover
        AddPwaUserHandler handler = handler(attempts, Clock.systemUTC());

        Invocation answer = whileStalled(() -> invoke(handler, post("k-lost-takeover")),
                () -> attempts.await("UpdateItem", 2, RESEND_BOUND));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.bodyField(ResponseFields.ID)).isEqualTo("EEEEEEEEEEEEEEEEEEEEEE");
        assertThat(users()).isEqualTo(1);
        assertThat(attempts.of("UpdateItem")).as("the takeover twice, then the completion").isEqualTo(3);
    }

    @Test
    void aKeyedRequestWhoseCallsCrawl_answersBeforeLambdaWouldStopIt_andItsRetryStoresOneEntry() {
        // Each call's first attempt gets no answer until the SDK gives it up (its attempt bound) and resends it: the
        // claim's and the entry's resends are answered, none of the completion's attempts is. The test adds no time
        // of its own outside the SDK's bounds, so the request's time is the function's alone.
        Attempts attempts = new Attempts().holdFirstAttempts("PutItem").holdAllAttempts("UpdateItem");
        AddPwaUserHandler handler = handler(attempts, Clock.systemUTC());
        // The completion starts two attempt bounds in (3 s); its own attempts (4.5 s and more) would end it after
        // Lambda had stopped the function (7 s), so only the request's deadline ends it in time. The claim's and the
        // entry's resends have the rest (3.5 s; milliseconds each on an idle machine).
        Duration lambdaTimeLeft = StoreBounds.STORE_ATTEMPT_TIMEOUT.multipliedBy(2 + SDK_ATTEMPTS)
                .minus(StoreBounds.ANSWER_MARGIN);
        Invocation first = invoke(handler, post("k-crawl"), new TestContext(lambdaTimeLeft));

        assertThat(first.timeLeft()).as("time left when it answered").isPositive();
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201); // stored: its key completes on a retry
        assertThat(attempts.of("PutItem")).as("the claim and the entry, each resent").isGreaterThanOrEqualTo(4);
        assertThat(attempts.callsOf("UpdateItem")).as("the completion, cut by the deadline").isEqualTo(1);

        Clock afterTheLock = Clock.offset(Clock.systemUTC(), StoreBounds.IDEMPOTENCY_LOCK.plusSeconds(1));
        Invocation retry = invoke(handler(new Attempts(), afterTheLock), post("k-crawl"));
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.bodyField(ResponseFields.ID)).isEqualTo(first.bodyField(ResponseFields.ID));
        assertThat(record("k-crawl").get(IdempotencyTable.STATUS).s()).isEqualTo(IdempotencyTable.Status.COMPLETED.name());
        assertThat(users()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"POST, /pwausers", "GET, /pwausers/AAAAAAAAAAAAAAAAAAAAAA", "DELETE, /pwausers/AAAAAAAAAAAAAAAAAAAAAA"})
    void aFrozenEngine_withLittleTimeLeft_answers503BeforeLambdaWouldStopTheFunction(String method, String path) {
        dynalite.freeze();
        try {
            Invocation answer = invoke(handler(new Attempts(), Clock.systemUTC()),
                    Events.rest(method, path, Map.of(), MICKEY, false), new TestContext(Duration.ofSeconds(3)));

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers()).containsKey(HeaderNames.RETRY_AFTER);
            assertThat(answer.timeLeft()).as("time left when it answered: a call's own bound is longer").isPositive();
        } finally {
            dynalite.resume();
        }
    }

    /** What the test's thread waits for while the request runs. */
    private interface Condition {
        void await() throws InterruptedException;
    }

    /** Runs the request on a thread of its own; once {@code resumeWhen} holds, the engine resumes (it always does). */
    private Invocation whileStalled(Callable<Invocation> request, Condition resumeWhen) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Invocation> answer;
            try {
                answer = thread.submit(request);
                resumeWhen.await();
            } finally {
                dynalite.resume();
            }
            return answer.get(60, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    private Map<String, AttributeValue> record(String key) {
        return dynalite.client().getItem(b -> b.tableName(KEYS).consistentRead(true)
                .key(Map.of(IdempotencyTable.KEY, AttributeValue.fromS(key)))).item();
    }
}
