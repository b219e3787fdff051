package pwausers.local.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pwausers.local.engine.ProjectFiles;

/**
 * The page's Content-Security-Policy (the meta tag in web/index.html; deploy's TemplateTest holds the header equal) read as text: it comes before
 * anything it governs, allows no inline code, and lets the page reach the API that web/config.mjs names. The browser
 * test checks that the running app never violates it.
 */
class WebAppPolicyTest {
    private static final Pattern POLICY = Pattern.compile(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");

    private static String read(String file) throws IOException {
        return Files.readString(ProjectFiles.root().resolve("web").resolve(file));
    }

    private static String policy(String page) {
        Matcher matcher = POLICY.matcher(page);
        assertThat(matcher.find()).as("a CSP meta tag in web/index.html").isTrue();
        String policy = matcher.group(1);
        assertThat(matcher.find()).as("only one CSP meta tag").isFalse();
        return policy;
    }

    private static List<String> directive(String policy, String name) {
        return Arrays.stream(policy.split(";")).map(String::trim).filter(d -> d.startsWith(name + " "))
                .findFirst().map(d -> List.of(d.substring(name.length()).trim().split(" +"))).orElse(List.of());
    }

    @Test
    void thePolicy_comesBeforeEveryScriptAndStylesheet_andThePageHasNoInlineCode() throws IOException {
        String page = read("index.html");
        int policyAt = page.indexOf("http-equiv=\"Content-Security-Policy\"");

        assertThat(policyAt).isPositive().isLessThan(page.indexOf("<link")).isLessThan(page.indexOf("<script"));
        assertThat(page).doesNotContain("<style", " style=", "javascript:").doesNotContainPattern(" on[a-z]+=");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page).find()).as("a script without src").isFalse();
    }

    @Test
    void thePolicy_allowsNoInlineCodeNorEval_andDefaultsToNothing() throws IOException {
        String policy = policy(read("index.html"));

        assertThat(directive(policy, "default-src")).containsExactly("'none'");
        assertThat(directive(policy, "script-src")).containsExactly("'self'");
        assertThat(directive(policy, "style-src")).containsExactly("'self'");
        assertThat(directive(policy, "base-uri")).containsExactly("'none'");
        assertThat(directive(policy, "form-action")).containsExactly("'none'");
        assertThat(directive(policy, "require-trusted-types-for")).containsExactly("'script'");
        assertThat(policy).doesNotContain("unsafe", "*", "data:", "http:", "https: ");
    }

    @Test
    void connectSrc_letsThePageReachTheApiThatConfigNames() throws IOException {
        Matcher apiBase = Pattern.compile("apiBase:\\s*\"([^\"]*)\"").matcher(read("config.mjs"));
        assertThat(apiBase.find()).as("apiBase in web/config.mjs").isTrue();
        List<String> connectSrc = directive(policy(read("index.html")), "connect-src");

        assertThat(connectSrc).contains("'self'"); // limits.json, and the API when apiBase is "" (same origin)
        if (!apiBase.group(1).isEmpty()) {
            URI api = URI.create(apiBase.group(1));
            assertThat(connectSrc).as("connect-src must name the API's origin").contains(
                    api.getScheme() + "://" + api.getAuthority());
        }
    }
}
