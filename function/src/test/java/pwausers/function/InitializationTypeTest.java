package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.Environment;

class InitializationTypeTest {
    @Test
    void onlyLambdasSnapStartInit_isOne() {
        assertThat(InitializationType.isSnapStart(Map.of(Environment.INITIALIZATION_TYPE, "snap-start"))).isTrue();
        assertThat(InitializationType.isSnapStart(Map.of(Environment.INITIALIZATION_TYPE, "on-demand"))).isFalse();
        assertThat(InitializationType.isSnapStart(Map.of(Environment.INITIALIZATION_TYPE, "provisioned-concurrency")))
                .isFalse();
        assertThat(InitializationType.isSnapStart(Map.of())).isFalse();
    }
}
