package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import pwausers.function.api.HeaderNames;
import pwausers.function.api.ResponseFields;
import pwausers.function.domain.PwaUser;
import pwausers.function.domain.PwaUserIds;
import pwausers.function.fuzz.FuzzRequest;
import pwausers.function.fuzz.FuzzSettings;
import pwausers.function.fuzz.HostileRequests;
import pwausers.function.testing.InMemoryIdempotencyStore;
import pwausers.function.testing.InMemoryPwaUserStore;
import pwausers.function.testing.Invocation;

/**
 * Ten thousand malformed or hostile requests to the handler: never a 5xx, never a crash, always a JSON answer,
 * and nothing stored unless the answer is 201 with exactly what was stored (or replays an earlier 201). The same inputs every run (a fixed
 * seed); more tries or a random seed: {@code -Dpwausers.fuzz.tries=N}, {@code -Dpwausers.fuzz.seed=random}
 * ({@link FuzzSettings}).
 */
class HandlerFuzzTest {
    private final InMemoryPwaUserStore store = new InMemoryPwaUserStore();
    private final AddPwaUserHandler handler = new AddPwaUserHandler(Configuration.defaults(), store,
            new InMemoryIdempotencyStore(), PwaUserIds.secureRandom(), Clock.systemUTC());

    @Provide
    Arbitrary<FuzzRequest> hostileRequests() {
        return HostileRequests.all();
    }

    @Property(tries = 10_000) // an input that ever fails goes to fuzz-regressions/ as an event file
    @AddLifecycleHook(FuzzSettings.class)
    void hostileRequests_neverGet5xx_andWriteNothingUnlessAccepted(@ForAll("hostileRequests") FuzzRequest request) {
        int before = store.users.size();

        Invocation answer = Invocation.invoke(handler, request.toRestEvent());

        Statistics.label("kind").collect(request.kind());
        Statistics.label("status").collect(answer.statusCode());
        assertThat(answer.statusCode()).as(request.toString()).isBetween(200, 499);
        Map<?, ?> body = Invocation.object(answer.body());
        assertThat(answer.logLine()).startsWith("{");
        if (answer.statusCode() == 201) {
            // a retry of an earlier request with the same Idempotency-Key and names: its answer again, nothing new
            boolean replayed = "true".equals(answer.headers().get(HeaderNames.IDEMPOTENT_REPLAYED));
            assertThat(store.users).as(request.toString()).hasSize(replayed ? before : before + 1);
            PwaUser stored = store.users.get(answer.bodyField(ResponseFields.ID));
            assertThat(stored.firstname()).isEqualTo(answer.bodyField(ResponseFields.FIRSTNAME));
            assertThat(stored.lastname()).isEqualTo(answer.bodyField(ResponseFields.LASTNAME));
        } else {
            assertThat(store.users).as(request.toString()).hasSize(before);
            assertThat(body.get(ResponseFields.MESSAGE)).isInstanceOf(String.class);
        }
    }
}
