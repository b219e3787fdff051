package pwausers.function.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pwausers.function.contract.LoggedPath;

/** What a log line shows of a path: never a whole id (a capability), at most 200 characters. */
class RequestLogTest {
    @ParameterizedTest
    @CsvSource({
            "/pwausers,                                 /pwausers",
            "/pwausers/,                                /pwausers/",
            "/pwausers/6C-LRYNh42Hj3pdh4Ob5OA,          /pwausers/6C-LRY...",
            "/pwausers/6C-LRYNh42Hj3pdh4Ob5OA/,         /pwausers/6C-LRY.../",
            "/pwausers/6C-LRYNh42Hj3pdh4Ob5%4F/x,       /pwausers/6C-LRY.../x",
            "/6C-LRYNh42Hj3pdh4Ob5OA/pwausers,          /6C-LRY.../pwausers",
            "/pwausers/short-id,                        /pwausers/short-id",
            "/icons/icon-512-maskable.png,              /icons/icon-512-maskable.png",
            "'',                                        ''",
    })
    void idsAreCutToAShortPrefix_otherSegmentsKept(String path, String logged) {
        assertThat(LoggedPath.of(path)).isEqualTo(logged);
    }

    @CsvSource({"a.", "a/", "/."})
    @ParameterizedTest
    void aLongPath_isCutTo200Characters(String unit) {
        assertThat(LoggedPath.of(unit.repeat(5_000))).hasSize(200);
    }
}
