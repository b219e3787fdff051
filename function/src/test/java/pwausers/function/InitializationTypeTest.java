package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InitializationTypeTest {
    @Test
    void onlyLambdasSnapStartInit_isOne() {
        assertThat(InitializationType.isSnapStart(Map.of(InitializationType.VARIABLE, "snap-start"))).isTrue();
        assertThat(InitializationType.isSnapStart(Map.of(InitializationType.VARIABLE, "on-demand"))).isFalse();
        assertThat(InitializationType.isSnapStart(Map.of(InitializationType.VARIABLE, "provisioned-concurrency")))
                .isFalse();
        assertThat(InitializationType.isSnapStart(Map.of())).isFalse();
    }
}
