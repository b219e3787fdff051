package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import pwausers.function.AddPwaUserHandler.Dependencies;
import pwausers.function.contract.HeaderNames;
import pwausers.function.contract.ResponseFields;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.fuzz.FuzzRequest;
import pwausers.function.fuzz.FuzzSettings;
import pwausers.function.fuzz.HostileRequests;
import pwausers.function.testing.InMemoryIdempotencyStore;
import pwausers.function.testing.InMemoryPwaUserStore;
import pwausers.function.testing.Invocation;

/**
 * Malformed or hostile requests to the handler ({@link FuzzSettings#DEFAULT_TRIES}): never a 5xx, never a crash, always a JSON answer
 * (but a 204's empty one); nothing stored unless the answer is 201 with exactly what was stored (or replays an
 * earlier 201), nothing deleted unless it is 204 and then only the entry the path names, and a 200 answers an entry
 * exactly as stored. The same inputs every run (a fixed seed); more tries or a random seed:
 * {@code -Dpwausers.fuzz.tries=N}, {@code -Dpwausers.fuzz.seed=random} ({@link FuzzSettings}).
 */
class HandlerFuzzTest {
    private static final PwaUserIds FRESH_IDS = PwaUserIds.secureRandom();
    private final InMemoryPwaUserStore store = new InMemoryPwaUserStore();
    private final AddPwaUserHandler handler = new AddPwaUserHandler(new Dependencies(Configuration.defaults(), store,
            new InMemoryIdempotencyStore(), PwaUserIds.secureRandom(), Clock.systemUTC()));

    @Provide
    Arbitrary<FuzzRequest> hostileRequests() {
        return HostileRequests.all();
    }

    @Property(tries = FuzzSettings.DEFAULT_TRIES) // an input that ever fails goes to fuzz-regressions/ as an event file
    @AddLifecycleHook(FuzzSettings.class)
    void hostileRequests_neverGet5xx_andChangeNothingUnlessAccepted(@ForAll("hostileRequests") FuzzRequest hostile) {
        FuzzRequest request = hostile.withExistingId(store.users.isEmpty() ? FRESH_IDS.next()
                : store.users.keySet().iterator().next());
        Map<String, PwaUser> before = new LinkedHashMap<>(store.users);

        Invocation answer = Invocation.invoke(handler, request.toRestEvent());

        Statistics.label("kind").collect(request.kind());
        Statistics.label("status").collect(answer.statusCode());
        assertThat(answer.statusCode()).as(request.toString()).isBetween(200, 499);
        Map<?, ?> body = answer.statusCode() == 204 ? Map.of() : Invocation.object(answer.body());
        assertThat(answer.logLine()).startsWith("{");
        switch (answer.statusCode()) {
            case 201 -> { // a replay (an Idempotency-Key seen before, the same names) stores nothing again
                boolean replayed = "true".equals(answer.headers().get(HeaderNames.IDEMPOTENT_REPLAYED));
                assertThat(store.users).as(request.toString()).hasSize(before.size() + (replayed ? 0 : 1));
                if (!replayed) { // a replayed entry may have been deleted since
                    PwaUser stored = store.users.get(answer.bodyField(ResponseFields.ID));
                    assertThat(stored.firstname()).isEqualTo(answer.bodyField(ResponseFields.FIRSTNAME));
                    assertThat(stored.lastname()).isEqualTo(answer.bodyField(ResponseFields.LASTNAME));
                }
            }
            case 200 -> { // an entry read back: as stored, nothing changed
                PwaUser stored = before.get(answer.bodyField(ResponseFields.ID));
                assertThat(stored).as(request.toString()).isNotNull();
                assertThat(answer.bodyField(ResponseFields.FIRSTNAME)).isEqualTo(stored.firstname());
                assertThat(answer.bodyField(ResponseFields.LASTNAME)).isEqualTo(stored.lastname());
                assertThat(store.users).isEqualTo(before);
            }
            case 204 -> { // exactly the entry named in the path is gone, nothing else
                Map<String, PwaUser> gone = new LinkedHashMap<>(before);
                gone.keySet().removeAll(store.users.keySet());
                assertThat(gone).as(request.toString()).hasSize(1);
                assertThat(request.path()).contains(gone.keySet().iterator().next());
                assertThat(store.users).hasSize(before.size() - 1);
            }
            default -> {
                assertThat(store.users).as(request.toString()).isEqualTo(before);
                assertThat(body.get(ResponseFields.MESSAGE)).isInstanceOf(String.class);
            }
        }
    }
}
