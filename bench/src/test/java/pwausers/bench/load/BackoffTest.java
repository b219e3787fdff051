package pwausers.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits between a refusal and the next try. */
class BackoffTest {
    @Test
    void withoutRetryAfter_theWaitDoubles_upToTwoSeconds() {
        assertThat(Backoff.doublingNanos(1)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(Backoff.doublingNanos(2)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(Backoff.doublingNanos(5)).isEqualTo(Duration.ofMillis(1600).toNanos());
        assertThat(Backoff.doublingNanos(6)).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(Backoff.doublingNanos(60)).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void aRetryAfterInSeconds_isTheWait_upToTenSeconds_anythingElseIsNone() {
        assertThat(Backoff.retryAfterNanos("1")).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(Backoff.retryAfterNanos(" 3 ")).isEqualTo(Duration.ofSeconds(3).toNanos());
        assertThat(Backoff.retryAfterNanos("3600")).isEqualTo(Duration.ofSeconds(10).toNanos());
        assertThat(Backoff.retryAfterNanos(null)).isNull();
        assertThat(Backoff.retryAfterNanos("-1")).isNull();
        assertThat(Backoff.retryAfterNanos("Wed, 21 Oct 2026 07:28:00 GMT")).isNull();
    }

    /** A clock that only the test's sleeps move, from an arbitrary start. */
    private static final class FakeTime {
        long now = 5_000_000_000L;
        Runnable duringFirstSleep = () -> { };

        void sleep(long millis) {
            Runnable once = duringFirstSleep;
            duringFirstSleep = () -> { };
            once.run();
            now += Duration.ofMillis(millis).toNanos();
        }
    }

    private static long waitOf(Backoff backoff, FakeTime time) {
        long before = time.now;
        return backoff.awaitTurn() - before;
    }

    @Test
    void aRefusalWhileAThreadWaits_pushesItsTurnBackToo() {
        FakeTime time = new FakeTime();
        Backoff backoff = new Backoff(() -> time.now, time::sleep);
        backoff.refused(null);
        long refusedAgainAt = time.now + 1;
        // while this thread sleeps its first wait, another reader is refused with Retry-After: 3
        time.duringFirstSleep = () -> {
            time.now = refusedAgainAt;
            backoff.refused("3");
        };

        long sent = backoff.awaitTurn();

        assertThat(sent - refusedAgainAt).isGreaterThanOrEqualTo(Duration.ofSeconds(3).toNanos());
    }

    @Test
    void anAnswerToARequestSentBeforeTheLatestRefusal_doesNotEndTheStreak_oneSentAfterDoes() {
        FakeTime time = new FakeTime();
        Backoff backoff = new Backoff(() -> time.now, time::sleep);
        long inFlight = backoff.awaitTurn();
        time.now += 1;
        backoff.refused(null);
        backoff.refused(null);
        backoff.refused(null);
        backoff.answered(inFlight);
        backoff.refused(null);

        // the 4th refusal in a row: 800 ms jittered within its upper half, not the first refusal's 100 ms
        assertThat(waitOf(backoff, time)).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());

        backoff.answered(backoff.awaitTurn());
        time.now += 1;
        backoff.refused(null);
        assertThat(waitOf(backoff, time)).isLessThan(Duration.ofMillis(200).toNanos());
    }

    @Test
    void onlyThrottledBusyOrUnansweredRequests_areTriedAgain() {
        assertThat(EntryClient.worthRetrying(429, null)).isTrue();
        assertThat(EntryClient.worthRetrying(503, "1")).isTrue();
        assertThat(EntryClient.worthRetrying(504, null)).isTrue();
        assertThat(EntryClient.worthRetrying(0, null)).isTrue();
        assertThat(EntryClient.worthRetrying(503, null)).as("a 503 that names no wait").isFalse();
        assertThat(EntryClient.worthRetrying(200, null)).isFalse();
        assertThat(EntryClient.worthRetrying(404, null)).isFalse();
        assertThat(EntryClient.worthRetrying(204, null)).isFalse();
        assertThat(EntryClient.worthRetrying(500, null)).isFalse();
    }
}
