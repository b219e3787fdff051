package pwausers.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pwausers.local.engine.ProjectFiles;

/**
 * The service worker caches exactly the files the deploy publishes (web/sw.js's SHELL): a file left out of SHELL
 * is missing when the page opens offline, a module left out breaks the page there.
 */
class ServiceWorkerShellTest {
    private static final Pattern SHELL = Pattern.compile("const SHELL = \\[([^\\]]*)\\];");
    private static final Pattern ENTRY = Pattern.compile("\"([^\"]*)\"");

    @Test
    void theShell_isEveryPublishedFile_butTheWorkerItself() throws IOException {
        Path web = ProjectFiles.root().resolve("web");
        Matcher shell = SHELL.matcher(Files.readString(web.resolve("sw.js")));
        assertThat(shell.find()).as("const SHELL = [...] in web/sw.js").isTrue();
        List<String> cached = new ArrayList<>();
        for (Matcher entry = ENTRY.matcher(shell.group(1)); entry.find(); ) {
            cached.add(entry.group(1));
        }

        List<String> published = WebFiles.in(web).stream().map(WebFiles.WebFile::key)
                .filter(key -> !key.equals("sw.js")).toList();
        assertThat(cached).as("web/sw.js's SHELL").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(concat("./", published));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
