package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;
import static pwausers.function.testing.Invocation.event;
import static pwausers.function.testing.Invocation.invoke;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.contract.Environment;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.Limits;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.RequestFields;
import pwausers.function.contract.ResponseFields;
import pwausers.function.contract.Routes;
import pwausers.function.domain.AddPwaUser;
import pwausers.function.domain.Deadline;
import pwausers.function.domain.NewPwaUser;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.domain.StoreException;
import pwausers.function.domain.StoreUnavailableException;
import pwausers.function.json.Json;
import pwausers.function.log.LoggedField;
import pwausers.function.testing.Events;
import pwausers.function.testing.InMemoryIdempotencyStore;
import pwausers.function.testing.InMemoryPwaUserStore;
import pwausers.function.testing.Invocation;
import pwausers.function.testkit.TestContext;

/** The request path end to end, over a store in memory: parsing, validation, response shape, logs. */
class AddPwaUserHandlerTest {
    private static final Instant NOW = Instant.parse("2026-11-26T18:00:00.123Z");

    private final InMemoryPwaUserStore store = new InMemoryPwaUserStore();
    private final AddPwaUserHandler handler = handler(Environment.ANY_ORIGIN, PwaUserIds.secureRandom());

    private AddPwaUserHandler handler(String origin, PwaUserIds ids) {
        return new AddPwaUserHandler(new Dependencies(new Configuration(PwaUsersTable.DEFAULT_NAME, origin), store,
                new InMemoryIdempotencyStore(), ids, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void workshopTestEvent_answers201WithTheWorkshopsBody() {
        Invocation answer = invoke(handler, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.bodyKeys()).containsExactly(ResponseFields.ID, ResponseFields.FIRSTNAME, ResponseFields.LASTNAME,
                ResponseFields.MESSAGE);
        String id = answer.bodyField(ResponseFields.ID);
        assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]{22}");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        // The one test that spells the body's field names out: they are the workshop's wire format (the brief's
        // "PwaUserId", not the table's "PwaUserID"), which a rename of a constant in ResponseFields must not change.
        // Every other test names the fields by their constants.
        assertThat(answer.body()).isEqualTo("{\"PwaUserId\":\"" + id
                + "\",\"Firstname\":\"Mickey\",\"Lastname\":\"Mouse\",\"Message\":\"Successfully added user!\"}");
        assertThat(answer.headers())
                .containsEntry(HeaderNames.ALLOW_ORIGIN, "*")
                .containsEntry(HeaderNames.CONTENT_TYPE, "application/json")
                .containsEntry(HeaderNames.LOCATION, "/pwausers/" + id);
        assertThat(answer.base64Encoded()).isFalse();
        assertThat(store.users).containsOnlyKeys(id);
        assertThat(store.users.get(id)).isEqualTo(new PwaUser(id, "Mickey", "Mouse", NOW));
    }

    @ParameterizedTest
    @CsvSource({
            "http-api-v2-post-pwausers.json, Mickey, Mouse",
            "function-url-post-base64.json,  Minnie, Mouse",
            "rest-api-post-pwausers.json,    José,   Zoë 李",
    })
    void otherEventFormats_areAccepted(String file, String firstname, String lastname) {
        Invocation answer = invoke(handler, event(file));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.bodyField(ResponseFields.FIRSTNAME)).isEqualTo(firstname);
        assertThat(answer.bodyField(ResponseFields.LASTNAME)).isEqualTo(lastname);
        assertThat(store.users.values()).extracting(PwaUser::firstname, PwaUser::lastname)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(firstname, lastname));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad-missing-lname.json     | 400 | lname is required",
            "bad-blank-fname.json       | 400 | fname must not be blank",
            "bad-body-not-json.json     | 400 | Request body must be valid JSON",
            "bad-content-type.json      | 415 | Content-Type must be application/json",
            "bad-method-get.json        | 405 | Method GET is not allowed on /pwausers; use POST",
            "bad-path.json              | 404 | No resource at this path; submissions go to POST /pwausers",
            "bad-base64.json            | 400 | Request body is marked base64-encoded but is not valid base64",
    })
    void badEventFiles_getTheirStatusAndWriteNothing(String file, int status, String message) {
        Invocation answer = invoke(handler, event(file));

        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.bodyField(ResponseFields.MESSAGE)).isEqualTo(message);
        assertThat(answer.headers()).containsEntry(HeaderNames.ALLOW_ORIGIN, "*")
                .containsEntry(HeaderNames.CONTENT_TYPE, "application/json");
        assertThat(store.users).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "é-not-ascii", "tab\tkey"})
    void aMalformedIdempotencyKey_is400_andWritesNothing(String key) {
        Invocation answer = invoke(handler, Events.rest("POST", Routes.RESOURCE_PATH,
                Map.of(HeaderNames.IDEMPOTENCY_KEY, key), "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}", false));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyField(ResponseFields.MESSAGE)).startsWith(HeaderNames.IDEMPOTENCY_KEY + " must be");
        assertThat(store.users).isEmpty();
    }

    @Test
    void anIdempotencyKeyOverTheLongestLength_is400() {
        Invocation answer = invoke(handler, Events.rest("POST", Routes.RESOURCE_PATH,
                Map.of(HeaderNames.IDEMPOTENCY_KEY, "k".repeat(Limits.IDEMPOTENCY_KEY_MAX_LENGTH + 1)),
                "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}", false));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(store.users).isEmpty();
    }

    @Test
    void methodNotAllowed_saysWhichMethodIs() {
        assertThat(invoke(handler, event("bad-method-get.json")).headers()).containsEntry(HeaderNames.ALLOW, "POST");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                   | Request body is required: a JSON object with fname and lname",
            "[\"Mickey\",\"Mouse\"]               | Request body must be a JSON object",
            "null                                 | Request body must be a JSON object",
            "\"Mickey Mouse\"                     | Request body must be a JSON object",
            "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"} {} | Request body must be a single JSON object",
            "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"    | Request body must be valid JSON",
            "{\"fname\":\"A\",\"fname\":\"B\",\"lname\":\"C\"} | Request body must not repeat a field",
            "{\"lname\":\"Mouse\"}                    | fname is required",
            "{\"fname\":null,\"lname\":\"Mouse\"}      | fname must be a string",
            "{\"fname\":42,\"lname\":\"Mouse\"}        | fname must be a string",
            "{\"fname\":\"Mickey\",\"lname\":[\"M\"]}  | lname must be a string",
            "{\"fname\":\"Mickey\",\"lname\":{}}       | lname must be a string",
            "{\"fname\":\"\",\"lname\":\"Mouse\"}      | fname is required",
            "{\"fname\":\"\\u00a0\\t\",\"lname\":\"M\"} | fname must not contain control characters",
            "{\"fname\":\"\\u00a0\\u2003\",\"lname\":\"M\"} | fname must not be blank",
            "{\"fname\":\"Mi\\nckey\",\"lname\":\"M\"}  | fname must not contain control characters",
            "{\"fname\":\"Mi\\u0000\",\"lname\":\"M\"}  | fname must not contain control characters",
            "{\"fname\":\"Mi\\u009f\",\"lname\":\"M\"}  | fname must not contain control characters",
            "{\"fname\":\"Mi\\ud800\",\"lname\":\"M\"}  | fname must be valid Unicode text (it has an unpaired surrogate)",
            "{\"fname\":\"M\",\"lname\":\"Mi\\u2028ckey\"} | lname must not contain line or paragraph separators",
            "{\"fname\":\"M\",\"lname\":\"\\u2029\"}  | lname must not contain line or paragraph separators",
            "{\"fname\":\"Mi\\uffff\",\"lname\":\"M\"}  | fname must not contain Unicode noncharacters",
            "{\"fname\":\"Mi\\ufdd0\",\"lname\":\"M\"}  | fname must not contain Unicode noncharacters",
            "{\"fname\":\"Mi\\udbff\\udfff\",\"lname\":\"M\"} | fname must not contain Unicode noncharacters",
    })
    void badBodies_get400WithAMessageNamingTheRule(String body, String message) {
        Invocation answer = invoke(handler, Events.post(body));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyField(ResponseFields.MESSAGE)).isEqualTo(message);
        assertThat(store.users).isEmpty();
    }

    /**
     * Valid JSON beyond the parser's limits is refused with a message that names the limit (8,000 deep and 16,000
     * digits fit the 16 kB a body may hold).
     */
    @Test
    void jsonNestedTooDeep_orANumberTooLong_is400NamingTheLimit() {
        String deep = "Request body must not nest arrays or objects more than " + Limits.MAX_JSON_DEPTH + " deep";
        String longNumber = "Request body must not hold a number longer than " + Limits.MAX_JSON_NUMBER_LENGTH
                + " characters";
        for (Map.Entry<String, String> body : Map.of(
                "[".repeat(8_000) + "]".repeat(8_000), deep,
                "{\"fname\":\"Mickey\",\"lname\":\"Mouse\",\"x\":" + "[".repeat(Limits.MAX_JSON_DEPTH) + "]"
                        .repeat(Limits.MAX_JSON_DEPTH) + "}", deep,
                "{\"fname\":\"Mickey\",\"lname\":\"Mouse\",\"n\":" + "1".repeat(16_000) + "}", longNumber,
                "{\"fname\":" + "9".repeat(Limits.MAX_JSON_NUMBER_LENGTH + 1) + ",\"lname\":\"Mouse\"}", longNumber)
                .entrySet()) {
            Invocation answer = invoke(handler, Events.post(body.getKey()));

            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.bodyField(ResponseFields.MESSAGE)).isEqualTo(body.getValue());
        }
        assertThat(store.users).isEmpty();
    }

    @Test
    void fieldErrors_nameTheFieldForTheForm() {
        Invocation answer = invoke(handler, Events.post("{\"fname\":\"Mickey\",\"lname\":\"  \"}"));

        assertThat(answer.bodyField(ResponseFields.FIELD)).isEqualTo("lname");
    }

    @Test
    void missingBody_is400() {
        Invocation answer = invoke(handler, Events.rest("POST", "/pwausers", Map.of(), null, false));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(store.users).isEmpty();
    }

    @Test
    void namesOfExactly100Characters_areAccepted_evenWhenEachTakesTwoUtf16Units() {
        String hundredEmoji = "😀".repeat(100);
        Invocation answer = invoke(handler, Events.post(
                "{\"fname\":\"" + "a".repeat(100) + "\",\"lname\":\"" + hundredEmoji + "\"}"));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.bodyField(ResponseFields.LASTNAME)).isEqualTo(hundredEmoji);
    }

    @Test
    void aNameOf101Characters_isRefused() {
        Invocation answer = invoke(handler, Events.post("{\"fname\":\"" + "李".repeat(101) + "\",\"lname\":\"M\"}"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyField(ResponseFields.MESSAGE)).isEqualTo("fname must be at most 100 characters long");
        assertThat(store.users).isEmpty();
    }

    @Test
    void unknownFields_areIgnoredAndNotStored() {
        Invocation answer = invoke(handler, Events.post(
                "{\"admin\":true,\"fname\":\"Mickey\",\"nested\":{\"a\":[1,{\"b\":2}]},\"lname\":\"Mouse\"}"));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.bodyKeys()).containsExactly(ResponseFields.ID, ResponseFields.FIRSTNAME, ResponseFields.LASTNAME,
                ResponseFields.MESSAGE);
        assertThat(store.users.values()).singleElement()
                .isEqualTo(new PwaUser(answer.bodyField(ResponseFields.ID), "Mickey", "Mouse", NOW));
    }

    @Test
    void aBodyOverTheLimit_is413_whileOneAtTheLimitPasses() {
        String padding = " ".repeat(Limits.MAX_BODY_BYTES);
        String atLimit = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}";
        atLimit = atLimit + padding.substring(atLimit.length());

        assertThat(invoke(handler, Events.post(atLimit)).statusCode()).isEqualTo(201);
        Invocation tooLarge = invoke(handler, Events.post(atLimit + " "));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.bodyField(ResponseFields.MESSAGE)).isEqualTo("Request body must be at most 16384 bytes");
        assertThat(store.users).hasSize(1);
    }

    @Test
    void theSizeLimit_countsUtf8Bytes() {
        String body = "{\"fname\":\"Mickey\",\"lname\":\"Mouse\",\"x\":\"" + "é".repeat(8200) + "\"}";

        assertThat(invoke(handler, Events.post(body)).statusCode()).isEqualTo(413);
    }

    @Test
    void aBase64BodyOverTheLimit_is413() {
        byte[] big = ("{\"fname\":\"M\",\"lname\":\"M\",\"x\":\"" + "a".repeat(Limits.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Invocation answer = invoke(handler, Events.rest("POST", "/pwausers", Map.of(),
                Base64.getEncoder().encodeToString(big), true));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(store.users).isEmpty();
    }

    @Test
    void aBase64BodyThatIsNotUtf8_is400() {
        Invocation answer = invoke(handler, Events.rest("POST", "/pwausers", Map.of(),
                Base64.getEncoder().encodeToString(new byte[] {'{', (byte) 0xff, '}'}), true));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyField(ResponseFields.MESSAGE)).isEqualTo("Request body must be UTF-8 text");
    }

    @ParameterizedTest
    @CsvSource({"application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/merge+json"})
    void jsonContentTypes_areAccepted(String contentType) {
        Invocation answer = invoke(handler, Events.rest("POST", "/pwausers", Map.of("content-type", contentType),
                "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}", false));

        assertThat(answer.statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @CsvSource({"text/plain", "application/xml", "multipart/form-data; boundary=x", "application/jsonp"})
    void otherContentTypes_get415(String contentType) {
        Invocation answer = invoke(handler, Events.rest("POST", Routes.RESOURCE_PATH,
                Map.of(HeaderNames.CONTENT_TYPE, contentType), "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}", false));

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(store.users).isEmpty();
    }

    @Test
    void allowedOrigin_isTheConfiguredOne_onSuccessAndOnErrors() {
        AddPwaUserHandler strict = handler("https://app.example.com", PwaUserIds.secureRandom());

        assertThat(invoke(strict, event("workshop-test-event.json")).headers())
                .containsEntry(HeaderNames.ALLOW_ORIGIN, "https://app.example.com");
        assertThat(invoke(strict, event("bad-missing-lname.json")).headers())
                .containsEntry(HeaderNames.ALLOW_ORIGIN, "https://app.example.com");
    }

    @Test
    void storeUnavailable_is503WithRetryAfterAndAReference() {
        store.failWith(new StoreUnavailableException("DynamoDB could not be reached in time", null));

        Invocation answer = invoke(handler, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers()).containsEntry(HeaderNames.RETRY_AFTER, "1")
                .containsEntry(HeaderNames.ALLOW_ORIGIN, "*");
        assertThat(answer.bodyKeys()).containsExactly(ResponseFields.ERROR, ResponseFields.REFERENCE);
        assertThat(answer.bodyField(ResponseFields.REFERENCE)).isEqualTo(answer.context().requestId);
        assertThat(answer.body()).doesNotContain("Mickey").doesNotContain(ResponseFields.ID);
    }

    @Test
    void aSubmissionWhoseWriteMayHaveLanded_is503SayingSo_andThatARetryWithTheSameKeyIsSafe() {
        store.failWith(new StoreUnavailableException("DynamoDB could not be reached in time", null));

        String error = invoke(handler, event("workshop-test-event.json")).bodyField(ResponseFields.ERROR);

        assertThat(error).contains("may have been stored").contains("same " + HeaderNames.IDEMPOTENCY_KEY)
                .contains("safe");
    }

    @Test
    void aSubmissionThatWasRefused_is503WithoutSayingItMayHaveBeenStored() {
        store.failWith(StoreUnavailableException.nothingWritten("DynamoDB is throttling: ThrottlingException", null));

        Invocation answer = invoke(handler, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.bodyField(ResponseFields.ERROR)).doesNotContain("may have been stored");
    }

    @Test
    void aKeyInFlight_is409_withRetryAfterWhenTheLockLapses() {
        InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore();
        AddPwaUserHandler handler = new AddPwaUserHandler(new Dependencies(Configuration.defaults(), store, keys,
                PwaUserIds.secureRandom(), Clock.fixed(NOW, ZoneOffset.UTC)));
        keys.claim("k-in-flight", AddPwaUser.payloadHash(new NewPwaUser("Mickey", "Mouse")), "reserved-id",
                NOW.minusSeconds(4), Deadline.none()); // a request that started 4 s ago, still in flight

        Invocation answer = invoke(handler, Events.rest("POST", Routes.RESOURCE_PATH,
                Map.of(HeaderNames.CONTENT_TYPE, "application/json", HeaderNames.IDEMPOTENCY_KEY, "k-in-flight"),
                "{\"fname\":\"Mickey\",\"lname\":\"Mouse\"}", false));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.headers()).containsEntry(HeaderNames.RETRY_AFTER,
                Long.toString(Limits.IDEMPOTENCY_LOCK_SECONDS - 4));
    }

    @Test
    void anyOtherStoreFailure_is500WithAReference() {
        store.failWith(new StoreException("DynamoDB rejected the PutItem: ResourceNotFoundException", null));

        Invocation answer = invoke(handler, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.bodyField(ResponseFields.REFERENCE)).isEqualTo(answer.context().requestId);
        assertThat(answer.headers()).doesNotContainKey(HeaderNames.RETRY_AFTER);
    }

    @Test
    void anUnexpectedBug_is500_notACrash() {
        store.failWith(new IllegalStateException("bug"));

        Invocation answer = invoke(handler, event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.bodyField(ResponseFields.ERROR)).isEqualTo("The entry could not be saved");
    }

    @Test
    void anIdThatIsTaken_isReplacedByAFreshOne() {
        store.users.put("taken-id-0000000000000", new PwaUser("taken-id-0000000000000", "Donald", "Duck", NOW));
        ArrayDeque<String> ids = new ArrayDeque<>(List.of("taken-id-0000000000000", "fresh-id-0000000000000"));

        Invocation answer = invoke(handler(Environment.ANY_ORIGIN, ids::removeFirst),
                event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.bodyField(ResponseFields.ID)).isEqualTo("fresh-id-0000000000000");
        assertThat(store.users.get("taken-id-0000000000000").firstname()).isEqualTo("Donald");
    }

    @Test
    void whenEveryIdIsTaken_theAnswerIs500_andNothingIsOverwritten() {
        store.users.put("taken-id-0000000000000", new PwaUser("taken-id-0000000000000", "Donald", "Duck", NOW));

        Invocation answer = invoke(handler(Environment.ANY_ORIGIN, () -> "taken-id-0000000000000"),
                event("workshop-test-event.json"));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(store.users).hasSize(1);
        assertThat(store.users.get("taken-id-0000000000000").firstname()).isEqualTo("Donald");
    }

    @Test
    void anEventThatIsNotAnHttpEvent_is400() {
        assertThat(invoke(handler, "{\"key1\":\"value1\"}").statusCode()).isEqualTo(400);
        assertThat(invoke(handler, "not json").statusCode()).isEqualTo(400);
        assertThat(invoke(handler, "[]").statusCode()).isEqualTo(400);
        assertThat(store.users).isEmpty();
    }

    @Test
    void eachRequest_logsOneJsonObject_atItsLevel_withoutTheNames() {
        Invocation answer = invoke(handler, event("rest-api-post-pwausers.json"));

        assertThat(answer.context().logged).singleElement().satisfies(logged -> {
            assertThat(logged.level()).isEqualTo(LogLevel.INFO);
            Map<String, Object> line = Invocation.object(logged.message());
            assertThat(line.get(LoggedField.LEVEL.key())).isEqualTo("INFO");
            assertThat(line.get(LoggedField.REQUEST_ID.key())).isEqualTo(answer.context().requestId);
            assertThat(line.get(LoggedField.METHOD.key())).isEqualTo("POST");
            assertThat(line.get(LoggedField.PATH.key())).isEqualTo(Routes.RESOURCE_PATH);
            assertThat(line.get(LoggedField.STATUS.key())).isEqualTo(new Json.Number("201"));
            assertThat(line).containsKey(LoggedField.LATENCY_MS.key());
            assertThat(logged.message()).doesNotContain("José", "Zoë", "李", RequestFields.FIRSTNAME,
                    ResponseFields.FIRSTNAME);
        });
    }

    @Test
    void theLogLevel_ofALine_followsItsStatus() {
        assertThat(invoke(handler, event("bad-missing-lname.json")).context().logged)
                .extracting(TestContext.Logged::level).containsExactly(LogLevel.WARN);
        store.failWith(new StoreUnavailableException("DynamoDB could not be reached in time", null));
        assertThat(invoke(handler, event("workshop-test-event.json")).context().logged)
                .extracting(TestContext.Logged::level).containsExactly(LogLevel.ERROR);
    }

    @Test
    void linesBelowTheConfiguredLevel_areNotWritten() {
        AddPwaUserHandler warnings = new AddPwaUserHandler(new Dependencies(
                Configuration.from(Map.of(Environment.LOG_LEVEL, "WARN")), store, new InMemoryIdempotencyStore(),
                PwaUserIds.secureRandom(), Clock.fixed(NOW, ZoneOffset.UTC)));

        assertThat(invoke(warnings, event("workshop-test-event.json")).context().logged).isEmpty();
        assertThat(invoke(warnings, event("bad-missing-lname.json")).context().logged).hasSize(1);
    }

    @Test
    void aFailedRequest_logsTheErrorClass_withoutTheNames() {
        store.failWith(new StoreUnavailableException("DynamoDB could not be reached in time",
                new java.net.ConnectException("Connection refused")));

        String line = invoke(handler, event("workshop-test-event.json")).logLine();

        assertThat(Invocation.object(line)).containsEntry(LoggedField.STATUS.key(), new Json.Number("503"))
                .containsEntry(LoggedField.LEVEL.key(), "ERROR")
                .containsEntry(LoggedField.ERROR_CLASS.key(), StoreUnavailableException.class.getName())
                .containsEntry(LoggedField.ROOT_CAUSE.key(), java.net.ConnectException.class.getName());
        assertThat(line).doesNotContain("Mickey", "Mouse");
    }

    @Test
    void aRejectedRequest_logsTheRuleBroken_withoutTheValue() {
        String line = invoke(handler, Events.post("{\"fname\":\"Mickey\",\"lname\":\"" + "x".repeat(101) + "\"}"))
                .logLine();

        assertThat(Invocation.object(line)).containsEntry(LoggedField.STATUS.key(), new Json.Number("400"))
                .containsEntry(LoggedField.ERROR.key(), "lname must be at most 100 characters long");
        assertThat(line).doesNotContain("Mickey", "xxxxxxxxxx");
    }
}
