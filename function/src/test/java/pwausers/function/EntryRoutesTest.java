package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;
import static pwausers.function.testing.Invocation.invoke;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.contract.Environment;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.LoggedPath;
import pwausers.function.contract.PwaUsersTable;
import pwausers.function.contract.ResponseFields;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.domain.StoreException;
import pwausers.function.domain.StoreUnavailableException;
import pwausers.function.testing.Events;
import pwausers.function.testing.InMemoryIdempotencyStore;
import pwausers.function.testing.InMemoryPwaUserStore;
import pwausers.function.testing.Invocation;

/** GET and DELETE /pwausers/{id} over a store in memory: routing, statuses, headers, logs. */
class EntryRoutesTest {
    private static final Instant CREATED = Instant.parse("2026-11-26T18:00:00.123Z");
    private static final PwaUser MICKEY = new PwaUser("6C-LRYNh42Hj3pdh4Ob5OA", "Mickey", "Mouse", CREATED);
    private static final PwaUser MINNIE = new PwaUser("Minnie_Mouse-00000000A", "Minnie", "Mouse", CREATED);

    private final InMemoryPwaUserStore store = new InMemoryPwaUserStore();
    private final AddPwaUserHandler handler = new AddPwaUserHandler(new Dependencies(
            new Configuration(PwaUsersTable.DEFAULT_NAME, Environment.ANY_ORIGIN), store,
            new InMemoryIdempotencyStore(), PwaUserIds.secureRandom(), Clock.fixed(CREATED, ZoneOffset.UTC)));

    EntryRoutesTest() {
        store.users.put(MICKEY.id(), MICKEY);
        store.users.put(MINNIE.id(), MINNIE);
    }

    private Invocation call(String method, String path) {
        return invoke(handler, Events.rest(method, path, Map.of(), null, false));
    }

    @Test
    void get_answers200WithTheEntry_notToBeCached() {
        Invocation answer = call("GET", "/pwausers/" + MICKEY.id());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.bodyKeys()).containsExactly(ResponseFields.ID, ResponseFields.FIRSTNAME,
                ResponseFields.LASTNAME, ResponseFields.CREATED_AT);
        assertThat(answer.bodyField(ResponseFields.ID)).isEqualTo("6C-LRYNh42Hj3pdh4Ob5OA");
        assertThat(answer.bodyField(ResponseFields.FIRSTNAME)).isEqualTo("Mickey");
        assertThat(answer.bodyField(ResponseFields.LASTNAME)).isEqualTo("Mouse");
        assertThat(answer.bodyField(ResponseFields.CREATED_AT)).isEqualTo("2026-11-26T18:00:00.123Z");
        assertThat(answer.headers()).containsEntry(HeaderNames.CACHE_CONTROL, "no-store")
                .containsEntry(HeaderNames.ALLOW_ORIGIN, Environment.ANY_ORIGIN)
                .containsEntry(HeaderNames.CONTENT_TYPE, "application/json");
    }

    @ParameterizedTest
    @CsvSource({"rest-api-get-pwauser.json, 200", "rest-api-delete-pwauser.json, 204", "bad-id.json, 400"})
    void theEventFiles_getTheirStatus(String file, int status) {
        assertThat(invoke(handler, Invocation.event(file)).statusCode()).isEqualTo(status);
    }

    @Test
    void get_ofAnEntryWithNoCreationTime_answersItsCreatedAtAsNull() {
        store.users.put(MICKEY.id(), new PwaUser(MICKEY.id(), "Mickey", "Mouse", null));

        assertThat(call("GET", "/pwausers/" + MICKEY.id()).body())
                .endsWith(",\"" + ResponseFields.CREATED_AT + "\":null}");
    }

    @Test
    void delete_answers204_andErasesThatEntryAlone() {
        Invocation answer = call("DELETE", "/pwausers/" + MICKEY.id());

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.headers()).containsEntry(HeaderNames.CACHE_CONTROL, "no-store")
                .containsEntry(HeaderNames.ALLOW_ORIGIN, Environment.ANY_ORIGIN)
                .as("no content, no Content-Type: null tells API Gateway to add none").containsEntry(
                        HeaderNames.CONTENT_TYPE, null);
        assertThat(store.users).containsOnlyKeys(MINNIE.id());
        assertThat(call("GET", "/pwausers/" + MICKEY.id()).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE"})
    void noSuchEntry_is404_inJsonWithCors_andNothingChanges(String method) {
        Invocation answer = call(method, "/pwausers/AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.bodyField(ResponseFields.MESSAGE)).isEqualTo("No entry with this id");
        assertThat(answer.headers()).containsEntry(HeaderNames.CACHE_CONTROL, "no-store")
                .containsEntry(HeaderNames.ALLOW_ORIGIN, Environment.ANY_ORIGIN)
                .containsEntry(HeaderNames.CONTENT_TYPE, "application/json");
        assertThat(store.users).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({
            "GET,    6C-LRYNh42Hj3pdh4Ob5O",          // 21 characters
            "GET,    6C-LRYNh42Hj3pdh4Ob5OAA",        // 23
            "DELETE, 6C+LRYNh42Hj3pdh4Ob5OA",         // base64, but not URL-safe
            "DELETE, 6C-LRYNh42Hj3pdh4Ob5O=",         // padding
            "GET,    6C-LRYNh42Hj3pdh4Ob5%4F",        // percent-encoded, as API Gateway passes it on
            "DELETE, 6C-LRYNh42Hj3pdh4Ob5Ö",
            "GET,    ..",
    })
    void aMalformedId_is400_andNothingIsReadOrDeleted(String method, String id) {
        Invocation answer = call(method, "/pwausers/" + id);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.bodyField(ResponseFields.MESSAGE)).isEqualTo(
                "An id is 22 characters of URL-safe base64 (A-Z, a-z, 0-9, - and _)");
        assertThat(answer.headers()).containsEntry(HeaderNames.CACHE_CONTROL, "no-store");
        assertThat(store.users).hasSize(2);
    }

    @Test
    void aTrailingSlash_isTheSameEntry() {
        assertThat(call("GET", "/pwausers/" + MICKEY.id() + "/").statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/pwausers/" + MICKEY.id() + "/").statusCode()).isEqualTo(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "HEAD", "OPTIONS"})
    void otherMethods_get405_sayingWhichAreAllowed(String method) {
        Invocation answer = call(method, "/pwausers/" + MICKEY.id());

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers()).containsEntry(HeaderNames.ALLOW, "GET, DELETE");
        assertThat(store.users).hasSize(2);
    }

    @Test
    void aPathBelowAnEntry_hasNoWellFormedId_400() {
        assertThat(call("GET", "/pwausers/" + MICKEY.id() + "/name").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/pwausers/x/y/z").statusCode()).isEqualTo(400);
    }

    @Test
    void theHttpApiAndFunctionUrlFormat_isRoutedToo() {
        Invocation answer = invoke(handler, "{\"version\":\"2.0\",\"rawPath\":\"/pwausers/" + MICKEY.id() + "\","
                + "\"requestContext\":{\"http\":{\"method\":\"DELETE\"},\"stage\":\"$default\"}}");

        assertThat(answer.statusCode()).isEqualTo(204);
    }

    @ParameterizedTest
    @CsvSource({"GET, read", "DELETE, deleted"})
    void storeFailures_are503WithRetryAfter_or500_withAReference(String method, String verb) {
        store.failWith(new StoreUnavailableException("DynamoDB could not be reached in time", null));
        Invocation busy = call(method, "/pwausers/" + MICKEY.id());
        store.failWith(new StoreException("DynamoDB rejected the request: AccessDeniedException", null));
        Invocation failed = call(method, "/pwausers/" + MICKEY.id());

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers()).containsEntry(HeaderNames.RETRY_AFTER, "1")
                .containsEntry(HeaderNames.CACHE_CONTROL, "no-store");
        assertThat(busy.bodyField(ResponseFields.REFERENCE)).isEqualTo(busy.context().requestId);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.bodyField(ResponseFields.ERROR)).isEqualTo("The entry could not be " + verb);
        assertThat(store.users).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "DELETE"})
    void theLog_keepsOnlyAShortPrefixOfTheId_andNeverTheNames(String method) {
        String line = call(method, "/pwausers/" + MICKEY.id()).logLine();

        assertThat(line).contains("\"path\":\"/pwausers/" + MICKEY.id().substring(0, LoggedPath.ID_PREFIX_CHARS)
                        + "...\"")
                .doesNotContain(MICKEY.id(), MICKEY.id().substring(0, LoggedPath.ID_PREFIX_CHARS + 1), "Mickey");
    }
}
