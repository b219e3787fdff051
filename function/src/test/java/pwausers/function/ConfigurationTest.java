package pwausers.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pwausers.function.contract.Environment;
import pwausers.function.contract.IdempotencyTable;
import pwausers.function.contract.PwaUsersTable;

class ConfigurationTest {
    @Test
    void defaults_areTheWorkshopTableAndAnyOrigin() {
        // The workshop's table and key, spelled out once: the brief fixes them, so a rename of these constants must
        // fail here; every other test names them by the constants.
        assertThat(PwaUsersTable.DEFAULT_NAME).isEqualTo("PwaUsers");
        assertThat(PwaUsersTable.ID).isEqualTo("PwaUserID");
        assertThat(Configuration.defaults()).isEqualTo(new Configuration(PwaUsersTable.DEFAULT_NAME,
                Environment.ANY_ORIGIN, IdempotencyTable.DEFAULT_NAME, LogLevel.INFO));
        assertThat(Configuration.from(Map.of(Environment.TABLE_NAME, "", Environment.ALLOWED_ORIGIN, "")))
                .isEqualTo(Configuration.defaults());
    }

    @Test
    void environmentVariables_overrideTheDefaults() {
        assertThat(Configuration.from(Map.of(Environment.TABLE_NAME, "stack-PwaUsersTable-1X",
                Environment.ALLOWED_ORIGIN, "https://a.example")))
                .isEqualTo(new Configuration("stack-PwaUsersTable-1X", "https://a.example"));
    }

    @Test
    void theLogLevel_isLambdasApplicationLogLevel_INFOByDefault_andAnUnknownOneFailsFast() {
        assertThat(Configuration.from(Map.of()).logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(Configuration.from(Map.of(Environment.LOG_LEVEL, "warn")).logLevel()).isEqualTo(LogLevel.WARN);
        assertThatThrownBy(() -> Configuration.from(Map.of(Environment.LOG_LEVEL, "LOUD")))
                .hasMessageContaining(Environment.LOG_LEVEL).hasMessageContaining("LOUD");
        assertThatThrownBy(() -> Configuration.from(Map.of(Environment.LOG_LEVEL, "UNDEFINED")))
                .hasMessageContaining(Environment.LOG_LEVEL);
    }

    @Test
    void aBlankTableName_failsFastWithItsName() {
        assertThatThrownBy(() -> new Configuration(" ", Environment.ANY_ORIGIN))
                .hasMessageContaining(Environment.TABLE_NAME);
    }
}
