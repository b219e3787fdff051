package pwausers.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The deployment's URL as a user gives it: with or without the resource path, on a stage, behind CloudFront. */
class ApiUrlTest {
    @Test
    void aBaseUrl_orOneEndingInTheResource_givesTheSameRoutes() {
        for (String given : new String[] {"http://localhost:3000", "http://localhost:3000/", "http://localhost:3000/pwausers",
            " http://localhost:3000/pwausers/ "}) {
            ApiUrl api = ApiUrl.parse(given);
            assertThat(api.submissions()).as(given).hasToString("http://localhost:3000/pwausers");
            assertThat(api.entry("6C-LRYNh42Hj3pdh4Ob5OA")).as(given)
                    .hasToString("http://localhost:3000/pwausers/6C-LRYNh42Hj3pdh4Ob5OA");
        }
    }

    @Test
    void theStacksApiUrlOutput_keepsItsStage() {
        ApiUrl api = ApiUrl.parse("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/pwausers");

        assertThat(api.submissions()).hasToString("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/pwausers");
        assertThat(api.loopback()).isFalse();
        assertThat(api.cloudFront()).isFalse();
    }

    @Test
    void theHostSaysWhetherAwsChargesAndWhetherCloudFrontDoes() {
        assertThat(ApiUrl.parse("http://127.0.0.1:3000").loopback()).isTrue();
        assertThat(ApiUrl.parse("http://localhost:3000").loopback()).isTrue();
        assertThat(ApiUrl.parse("https://d111111abcdef8.cloudfront.net").cloudFront()).isTrue();
    }

    @Test
    void otherSchemes_queries_andNoHost_areRefused() {
        for (String bad : new String[] {"ftp://example.com", "localhost:3000", "http://example.com/?a=1",
            "http://example.com/#top", "/pwausers", "http://exa mple.com"}) {
            assertThatThrownBy(() -> ApiUrl.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
