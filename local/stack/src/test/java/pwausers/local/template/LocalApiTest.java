package pwausers.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pwausers.function.testkit.TestContext;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;

/** The API as the template declares it: how a route matches a request's path, the stage's throttle per method. */
class LocalApiTest {
    private static final SamTemplate TEMPLATE = SamTemplate.read(ProjectFiles.template());
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

    private static LocalApi read(Map<String, String> parameters) {
        return LocalApi.read(new LocalValues(TEMPLATE, parameters));
    }

    @Test
    void everyMethod_isThrottledAtTheTemplatesDefaults_andTheParametersOverrideThem() {
        Map<String, String> defaults = TEMPLATE.parameterDefaults();
        LocalApi.Throttle byDefault = new LocalApi.Throttle(
                Double.parseDouble(defaults.get(LocalApi.RATE_LIMIT_PARAMETER)),
                Integer.parseInt(defaults.get(LocalApi.BURST_LIMIT_PARAMETER)));
        LocalApi api = read(Map.of());
        for (LocalApi.Route route : api.routes()) {
            assertThat(api.throttle(route.path(), route.method())).as(route.toString()).isEqualTo(byDefault);
            assertThat(api.throttle(route.path(), "OPTIONS")).as("the preflight of " + route.path()).isEqualTo(byDefault);
        }

        LocalApi overridden = read(Map.of(LocalApi.RATE_LIMIT_PARAMETER, "2.5", LocalApi.BURST_LIMIT_PARAMETER, "7"));
        assertThat(overridden.throttle("/pwausers", "POST")).isEqualTo(new LocalApi.Throttle(2.5, 7));
    }

    @Test
    void aSettingThatNamesTheMethod_winsOverTheStagesDefault() {
        LocalApi api = new LocalApi("prod", List.of(SUBMISSIONS, ENTRY), null, Map.of(), List.of(
                new LocalApi.MethodSetting("/~1pwausers", "POST", 1.0, 2),
                new LocalApi.MethodSetting("/*", "*", 10.0, 20),
                new LocalApi.MethodSetting("/*", "GET", null, 5)));

        assertThat(api.throttle("/pwausers", "POST")).isEqualTo(new LocalApi.Throttle(1, 2));
        assertThat(api.throttle("/pwausers/{id}", "GET")).as("its own burst, the stage's rate")
                .isEqualTo(new LocalApi.Throttle(10, 5));
        assertThat(api.throttle("/pwausers/{id}", "DELETE")).isEqualTo(new LocalApi.Throttle(10, 20));
        assertThat(new LocalApi("prod", List.of(SUBMISSIONS), null, Map.of(), List.of()).throttle("/pwausers", "POST"))
                .as("no method settings: not throttled").isNull();
    }

    @Test
    void aThrottleParameterThatIsNotANumber_isRefusedByName() {
        assertThatThrownBy(() -> read(Map.of(LocalApi.RATE_LIMIT_PARAMETER, "fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the stage's ThrottlingRateLimit (parameter ApiThrottlingRateLimit) must be a number, 0 or"
                        + " more, not \"fast\"");
        assertThatThrownBy(() -> read(Map.of(LocalApi.BURST_LIMIT_PARAMETER, "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ApiThrottlingBurstLimit");
        assertThatThrownBy(() -> read(Map.of(LocalApi.BURST_LIMIT_PARAMETER, "2.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ApiThrottlingBurstLimit");
    }

    @Test
    void theThrottledAnswer_carriesTheTemplatesDefault4xxHeaders_whenItDeclaresNoThrottledResponse() {
        LocalApi api = read(Map.of());

        assertThat(api.gatewayResponseHeaders("THROTTLED", 429)).isEqualTo(api.gatewayResponseHeaders(429))
                .containsKey("Access-Control-Allow-Origin");
        LocalApi own = new LocalApi("prod", List.of(), null, Map.of("DEFAULT_4XX", Map.of("A", "4xx"),
                "THROTTLED", Map.of("A", "throttled")), List.of());
        assertThat(own.gatewayResponseHeaders("THROTTLED", 429)).containsEntry("A", "throttled");
        assertThat(own.gatewayResponseHeaders(null, 429)).containsEntry("A", "4xx");
    }
}
