package pwausers.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pwausers.function.testkit.TestContext;

/** How a route of the template matches a request's path, as API Gateway matches it. */
class LocalApiTest {
    private static final LocalApi.Route ENTRY = new LocalApi.Route("GET", "/pwausers/{id}", TestContext.FUNCTION_NAME);
    private static final LocalApi.Route SUBMISSIONS = new LocalApi.Route("POST", "/pwausers", TestContext.FUNCTION_NAME);

    @ParameterizedTest
    @CsvSource({
            "/pwausers/abc,       abc",
            "/pwausers/abc/,      abc",       // trailing slashes are ignored
            "/pwausers/abc//,     abc",
            "/pwausers/a%2Fb,     a%2Fb",     // the path as sent: an encoded slash stays in its segment
            "/pwausers/caf%C3%A9, caf%C3%A9",
    })
    void aParameter_isTheSegmentAsSent(String path, String id) {
        assertThat(ENTRY.match(path)).isEqualTo(Map.of("id", id));
    }

    @ParameterizedTest
    @CsvSource({"/pwausers", "/pwausers/", "/pwausers/a/b", "/PWAUSERS/abc", "/pwausers/abc/x/"})
    void otherPaths_doNotMatchTheEntry(String path) {
        assertThat(ENTRY.match(path)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"/pwausers", "/pwausers/", "/pwausers///"})
    void aPathWithoutParameters_matchesWithOrWithoutTrailingSlashes(String path) {
        assertThat(SUBMISSIONS.match(path)).isEmpty();
    }
}
