package pwausers.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** API Gateway's token bucket, on a clock the test moves. */
class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(123_456_789L);

    private TokenBucket bucket(double rate, int burst) {
        return new TokenBucket(rate, burst, now::get);
    }

    private void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    /** How many requests in a row it lets through, at this instant. */
    private static int taken(TokenBucket bucket) {
        int n = 0;
        while (bucket.tryTake()) {
            n++;
        }
        return n;
    }

    @Test
    void aFreshBucket_letsItsBurstThrough_thenThrottles() {
        TokenBucket bucket = bucket(10, 20);

        assertThat(taken(bucket)).isEqualTo(20);
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void itRefillsAtItsRate() {
        TokenBucket bucket = bucket(10, 20);
        taken(bucket);

        pass(Duration.ofMillis(99));
        assertThat(bucket.tryTake()).as("not a whole token yet").isFalse();
        pass(Duration.ofMillis(1));
        assertThat(taken(bucket)).isEqualTo(1);
        pass(Duration.ofMillis(500));
        assertThat(taken(bucket)).isEqualTo(5);
    }

    @Test
    void requestsAtTheRate_allGoThrough_onAnEmptyBucket() {
        TokenBucket bucket = bucket(10, 20);
        taken(bucket);

        for (int i = 0; i < 100; i++) {
            pass(Duration.ofMillis(100));
            assertThat(bucket.tryTake()).as("request %d", i).isTrue();
        }
    }

    @Test
    void itNeverHoldsMoreThanItsBurst() {
        TokenBucket bucket = bucket(10, 20);
        taken(bucket);

        pass(Duration.ofHours(1));
        assertThat(taken(bucket)).isEqualTo(20);
    }

    @Test
    void aFractionalRate_addsATokenEveryFewSeconds() {
        TokenBucket bucket = bucket(0.5, 1);
        taken(bucket);

        pass(Duration.ofMillis(1_999));
        assertThat(bucket.tryTake()).isFalse();
        pass(Duration.ofMillis(1));
        assertThat(bucket.tryTake()).isTrue();
    }

    @Test
    void aRateOfZero_servesTheFirstBurstOnly_andABurstOfZeroNothing() {
        TokenBucket once = bucket(0, 3);
        assertThat(taken(once)).isEqualTo(3);
        pass(Duration.ofHours(1));
        assertThat(once.tryTake()).isFalse();

        assertThat(bucket(100, 0).tryTake()).isFalse();
    }

    @Test
    void negativeOrMissingLimits_areRefused() {
        assertThatThrownBy(() -> bucket(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
